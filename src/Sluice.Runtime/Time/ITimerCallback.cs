using Sluice.Runtime.Operators;
using Sluice.State.Timers;

namespace Sluice.Runtime.Time;

/// <summary>Receives the timers of a <see cref="TimerService{TKey, TNamespace}"/>; the timer's key is the current key during the call.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNamespace">The namespace type (e.g. a window).</typeparam>
public interface ITimerCallback<TKey, TNamespace>
    where TKey : notnull
{
    /// <summary>An event-time timer fired: the watermark passed its timestamp.</summary>
    void OnEventTime(TimerEntry<TKey, TNamespace> timer, IOutput output);

    /// <summary>A processing-time timer fired.</summary>
    void OnProcessingTime(TimerEntry<TKey, TNamespace> timer, IOutput output);
}
