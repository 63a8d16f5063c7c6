namespace Sluice.Connectors.Kafka.Tests.Support;

/// <summary>A record to produce; <see cref="Partition"/> -1 lets the producer choose.</summary>
public sealed record TestRecord(string? Key, string? Value, int Partition = -1, long? Timestamp = null,
    IReadOnlyList<KeyValuePair<string, string?>>? Headers = null)
{
    public TestRecord(string? value) : this(null, value)
    {
    }
}
