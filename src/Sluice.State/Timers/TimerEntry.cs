namespace Sluice.State.Timers;

/// <summary>A timer: fires for <paramref name="Key"/> in <paramref name="Namespace"/> at <paramref name="Timestamp"/>.</summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TNs">The namespace type (e.g. a window, or <see cref="Keyed.VoidNamespace"/>).</typeparam>
/// <param name="Key">The key the timer was registered for.</param>
/// <param name="Namespace">The namespace the timer was registered for.</param>
/// <param name="Timestamp">When the timer fires (event time or processing time, in milliseconds).</param>
public readonly record struct TimerEntry<TKey, TNs>(TKey Key, TNs Namespace, long Timestamp);
