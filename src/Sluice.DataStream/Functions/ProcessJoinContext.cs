namespace Sluice.DataStream.Functions;

/// <summary>The event times of the pair an interval join's function is called for, and side outputs.</summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
public sealed class ProcessJoinContext
{
    private ProcessContext? _inner;

    internal ProcessJoinContext()
    {
    }

    /// <summary>The first-stream element's event time.</summary>
    public long LeftTimestamp { get; private set; }

    /// <summary>The second-stream element's event time.</summary>
    public long RightTimestamp { get; private set; }

    /// <summary>The result's event time: the later of the two.</summary>
    public long Timestamp => Math.Max(LeftTimestamp, RightTimestamp);

    /// <summary>The operator's current event-time watermark.</summary>
    public long CurrentWatermark => _inner!.CurrentWatermark;

    /// <summary>Emits <paramref name="value"/> to the side output <paramref name="tag"/>, with the pair's event time.</summary>
    public void Output<TSide>(OutputTag<TSide> tag, TSide value)
    {
        var inner = _inner!;
        var saved = inner.Timestamp;
        inner.Timestamp = Timestamp;
        try
        {
            inner.Output(tag, value);
        }
        finally
        {
            inner.Timestamp = saved;
        }
    }

    internal void Set(ProcessContext inner, long left, long right)
    {
        _inner = inner;
        LeftTimestamp = left;
        RightTimestamp = right;
    }
}
