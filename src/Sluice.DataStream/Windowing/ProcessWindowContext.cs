using Sluice.DataStream.Operators;
using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Windowing;

/// <summary>The window a <see cref="ProcessWindowFunction{TIn, TOut, TKey}"/> is called for, the clocks, state and side outputs.</summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the call that received it.</remarks>
public sealed class ProcessWindowContext
{
    private readonly IWindowServices _services;

    internal ProcessWindowContext(IWindowServices services)
    {
        _services = services;
        WindowState = new WindowStateStore(services, perWindow: true);
        GlobalState = new WindowStateStore(services, perWindow: false);
    }

    /// <summary>The window: <see cref="TimeWindow.Start"/>, <see cref="TimeWindow.End"/>, <see cref="TimeWindow.MaxTimestamp"/>.</summary>
    public TimeWindow Window { get; internal set; }

    /// <summary>The operator's watermark.</summary>
    public long CurrentWatermark => _services.CurrentWatermark;

    /// <summary>The processing time, epoch milliseconds.</summary>
    public long CurrentProcessingTime => _services.CurrentProcessingTime;

    /// <summary>State of the current key and window, removed with the window (clear it in <c>Clear</c>). Not available for merging windows.</summary>
    public WindowStateStore WindowState { get; }

    /// <summary>State of the current key, shared by all its windows.</summary>
    public WindowStateStore GlobalState { get; }

    /// <summary>Emits <paramref name="value"/> to a side output, with the window's max timestamp as event time.</summary>
    public void Output<TSide>(OutputTag<TSide> tag, TSide value) => _services.EmitSide(tag, value, Window.MaxTimestamp);
}
