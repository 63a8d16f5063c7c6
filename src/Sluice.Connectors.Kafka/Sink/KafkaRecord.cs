namespace Sluice.Connectors.Kafka.Sink;

/// <summary>One record the sink writes, already encoded. Immutable.</summary>
/// <param name="Partition">The partition, or -1 for the producer's partitioner.</param>
/// <param name="Key">The key bytes, or null.</param>
/// <param name="Value">The value bytes, or null for a tombstone.</param>
/// <param name="Timestamp">The timestamp in epoch milliseconds, or null for the producer's time.</param>
/// <param name="Headers">The headers, or null.</param>
internal sealed record KafkaRecord(int Partition, byte[]? Key, byte[]? Value, long? Timestamp, IReadOnlyList<KeyValuePair<string, byte[]?>>? Headers)
{
    /// <summary>An estimate of the record's size in bytes.</summary>
    public long Size => (Key?.Length ?? 0) + (Value?.Length ?? 0) + (Headers?.Sum(h => h.Key.Length + (h.Value?.Length ?? 0)) ?? 0) + 16;
}
