namespace Sluice.DataStream.Windowing;

/// <summary>An element of a window with its event time (<c>long.MinValue</c> when it has none); what evictors see.</summary>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="Value">The element.</param>
/// <param name="Timestamp">Its event time, epoch milliseconds.</param>
public readonly record struct TimestampedValue<T>(T Value, long Timestamp);
