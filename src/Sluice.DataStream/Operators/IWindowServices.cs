using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>What the window operator offers triggers and window functions for the current key and window.</summary>
internal interface IWindowServices
{
    long CurrentWatermark { get; }

    long CurrentProcessingTime { get; }

    void RegisterEventTimeTimer(long time);

    void RegisterProcessingTimeTimer(long time);

    void DeleteEventTimeTimer(long time);

    void DeleteProcessingTimeTimer(long time);

    /// <summary>A value state of the current key and window; <paramref name="userState"/> marks window-function state (not allowed for merging windows).</summary>
    IValueState<T> GetWindowValueState<T>(ValueStateDescriptor<T> descriptor, bool userState = false);

    IValueState<T> GetGlobalValueState<T>(ValueStateDescriptor<T> descriptor);

    void EmitSide<T>(OutputTag<T> tag, T value, long timestamp);
}
