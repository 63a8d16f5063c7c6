using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators;

namespace Sluice.DataStream.Functions;

/// <summary>
/// What a process function knows about the element (or timer) being processed: its event time, the watermark and
/// processing time, and side outputs. One instance per operator subtask, reused for every call.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
public class ProcessContext
{
    private readonly OperatorContext _context;
    private readonly SideOutputs _sideOutputs;

    internal ProcessContext(OperatorContext context, SideOutputs sideOutputs)
    {
        _context = context;
        _sideOutputs = sideOutputs;
    }

    /// <summary>The event time of the element (or the time of the timer) being processed; null when it has none.</summary>
    public long? Timestamp { get; internal set; }

    /// <summary>The operator's current event-time watermark (<see cref="long.MinValue"/> before the first one).</summary>
    public long CurrentWatermark => _context.CurrentWatermark;

    /// <summary>The current processing time in epoch milliseconds, from the job's <see cref="TimeProvider"/>.</summary>
    public long CurrentProcessingTime => _context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Emits <paramref name="value"/> to the side output <paramref name="tag"/>, with the current event time.</summary>
    public void Output<TSide>(OutputTag<TSide> tag, TSide value) => _sideOutputs.Emit(tag, value, Timestamp);
}
