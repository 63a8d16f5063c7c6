namespace Sluice.Testing.Sources;

/// <summary>One generated event: a key, its per-key sequence number (1, 2, 3, ...) and an event time.</summary>
/// <param name="Key">The key.</param>
/// <param name="Seq">The per-key sequence number, starting at 1 and increasing by 1.</param>
/// <param name="Timestamp">Event time, epoch milliseconds (out of order within the configured bound).</param>
public readonly record struct SequenceEvent(long Key, long Seq, long Timestamp);
