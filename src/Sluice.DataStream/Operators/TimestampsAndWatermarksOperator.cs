using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Operators;

/// <summary>
/// Assigns event times inside a job (<c>AssignTimestampsAndWatermarks</c>) and generates watermarks per subtask:
/// after every batch the generator's watermark is emitted when it advanced (a batch-punctuated version of Flink's
/// periodic emission). Upstream watermarks are swallowed: this operator's generator replaces them, except the final
/// maximum watermark at the end of input. Stateless (the generator restarts from scratch after a restore, as in Flink).
/// </summary>
internal sealed class TimestampsAndWatermarksOperator<T>(Func<T, long>? assigner, WatermarkStrategy strategy) : DataStreamOperator, IWatermarkOutput
{
    private IWatermarkGenerator? _generator;
    private IOutput? _output;
    private long _emitted = long.MinValue;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _generator = strategy.CreateGenerator();
    }

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<T>(batch, out var input))
        {
            return;
        }

        var result = input;
        if (assigner is not null)
        {
            try
            {
                var items = input.Items;
                result = new ElementBatch<T>(items.Length, withTimestamps: true);
                for (var i = 0; i < items.Length; i++)
                {
                    result.Add(items[i], assigner(items[i]));
                }
            }
            finally
            {
                input.Dispose();
            }
        }

        _output = output;
        _generator?.OnBatch(result.Timestamps, this);
        output.Collect(result);
        _generator?.OnPeriodicEmit(this);
    }

    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        if (watermark.Timestamp == long.MaxValue)
        {
            output.EmitWatermark(watermark);
        }
    }

    void IWatermarkOutput.EmitWatermark(Watermark watermark)
    {
        if (watermark.Timestamp > _emitted)
        {
            _emitted = watermark.Timestamp;
            _output!.EmitWatermark(watermark);
        }
    }

    void IWatermarkOutput.MarkIdle()
    {
    }

    void IWatermarkOutput.MarkActive()
    {
    }

    protected override void FlushOutputs(IOutput output)
    {
    }
}
