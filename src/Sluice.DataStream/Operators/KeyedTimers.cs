using Sluice.DataStream.Functions;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Operators;

/// <summary>The <see cref="ITimerService"/> of keyed functions over the runtime's timer service (no namespace).</summary>
internal sealed class KeyedTimers<TKey>(TimerService<TKey, VoidNamespace> timers, Func<long> currentWatermark) : ITimerService
    where TKey : notnull
{
    public long CurrentWatermark => currentWatermark();

    public long CurrentProcessingTime => timers.CurrentProcessingTime;

    public void RegisterEventTimeTimer(long time) => timers.RegisterEventTimeTimer(default, time);

    public void RegisterProcessingTimeTimer(long time) => timers.RegisterProcessingTimeTimer(default, time);

    public void DeleteEventTimeTimer(long time) => timers.DeleteEventTimeTimer(default, time);

    public void DeleteProcessingTimeTimer(long time) => timers.DeleteProcessingTimeTimer(default, time);
}
