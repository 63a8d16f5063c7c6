using Sluice.Core.Messages;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// The base of the DataStream operators: side outputs (only the tags a consumer selects are emitted) and buffered
/// outputs flushed before every watermark, barrier and the end of input, so results always precede them.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only, like every operator.</remarks>
internal abstract class DataStreamOperator : StreamOperator
{
    private SideOutputs? _sideOutputs;

    /// <summary>The side-output tag ids that some consumer selects (set when the job graph is built).</summary>
    public IReadOnlySet<string> ConsumedSideOutputs { get; init; } = new HashSet<string>();

    /// <summary>The side outputs of this subtask.</summary>
    protected SideOutputs SideOutputs => _sideOutputs ??= new SideOutputs(ConsumedSideOutputs);

    /// <inheritdoc />
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        FlushAll(output);
        OnWatermark(watermark, output);
        FlushAll(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => FlushAll(output);

    /// <inheritdoc />
    public override void Finish(IOutput output)
    {
        OnEndOfInput(output);
        FlushAll(output);
    }

    /// <inheritdoc />
    public override void Close()
    {
        DiscardOutputs();
        _sideOutputs?.Discard();
    }

    /// <summary>Called after the timers of a watermark fired, before it is forwarded.</summary>
    protected virtual void OnWatermark(Watermark watermark, IOutput output)
    {
    }

    /// <summary>End of input (after the maximum watermark).</summary>
    protected virtual void OnEndOfInput(IOutput output)
    {
    }

    /// <summary>Hands on the buffered main output.</summary>
    protected abstract void FlushOutputs(IOutput output);

    /// <summary>Drops the buffered main output (on close).</summary>
    protected virtual void DiscardOutputs()
    {
    }

    /// <summary>Flushes the main and side outputs.</summary>
    protected void FlushAll(IOutput output)
    {
        FlushOutputs(output);
        if (_sideOutputs is { } side)
        {
            side.SetOutput(output);
            side.Flush();
        }
    }
}
