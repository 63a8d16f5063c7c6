using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Windowing;

/// <summary>
/// What a <see cref="Trigger"/> can do for the key and window it is called for: read the clocks, register and delete
/// timers, and keep state per key and window.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only; valid during the trigger call that received it.</remarks>
public sealed class TriggerContext
{
    private readonly IWindowServices _services;

    internal TriggerContext(IWindowServices services) => _services = services;

    /// <summary>The watermark of the operator (<c>long.MinValue</c> before the first).</summary>
    public long CurrentWatermark => _services.CurrentWatermark;

    /// <summary>The processing time (from the job's <see cref="TimeProvider"/>), epoch milliseconds.</summary>
    public long CurrentProcessingTime => _services.CurrentProcessingTime;

    /// <summary>Calls <see cref="Trigger.OnEventTime"/> for the current window when the watermark reaches <paramref name="time"/>.</summary>
    public void RegisterEventTimeTimer(long time) => _services.RegisterEventTimeTimer(time);

    /// <summary>Calls <see cref="Trigger.OnProcessingTime"/> for the current window when the clock reaches <paramref name="time"/>.</summary>
    public void RegisterProcessingTimeTimer(long time) => _services.RegisterProcessingTimeTimer(time);

    /// <summary>Deletes an event-time timer of the current window.</summary>
    public void DeleteEventTimeTimer(long time) => _services.DeleteEventTimeTimer(time);

    /// <summary>Deletes a processing-time timer of the current window.</summary>
    public void DeleteProcessingTimeTimer(long time) => _services.DeleteProcessingTimeTimer(time);

    /// <summary>The value state of the current key and window (use it during this call only).</summary>
    public IValueState<T> GetValueState<T>(ValueStateDescriptor<T> descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return _services.GetWindowValueState(new ValueStateDescriptor<T>("trigger:" + descriptor.Name, descriptor.Serializer));
    }

    /// <summary>The value state <paramref name="name"/> of the current key and window, serialized with the registered type information.</summary>
    public IValueState<T> GetValueState<T>(string name) => GetValueState(new ValueStateDescriptor<T>(name, TypeInfos.SerializerOf<T>()));
}
