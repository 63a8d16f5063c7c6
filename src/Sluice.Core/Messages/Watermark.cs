namespace Sluice.Core.Messages;

/// <summary>
/// An event-time watermark: the promise that no more events with a timestamp at or below
/// <see cref="Timestamp"/> will arrive. Timestamps are milliseconds since the Unix epoch.
/// </summary>
/// <param name="Timestamp">Event time, in epoch milliseconds.</param>
public readonly record struct Watermark(long Timestamp)
{
    /// <summary>The watermark before any event: nothing is known yet.</summary>
    public static Watermark Min { get; } = new(long.MinValue);

    /// <summary>The watermark at the end of input: every event-time timer fires.</summary>
    public static Watermark Max { get; } = new(long.MaxValue);

    /// <inheritdoc />
    public override string ToString() =>
        Timestamp == long.MinValue ? "Watermark(-inf)" : Timestamp == long.MaxValue ? "Watermark(+inf)" : $"Watermark({Timestamp})";
}
