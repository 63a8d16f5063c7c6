using Sluice.Core.Types;

namespace Sluice.Connectors.Kafka.Table;

/// <summary>The metadata keys of the Kafka connectors (<c>METADATA FROM 'key'</c>), Flink's names and types.</summary>
internal static class KafkaMetadata
{
    public const string Topic = "topic";
    public const string Partition = "partition";
    public const string Offset = "offset";
    public const string Timestamp = "timestamp";
    public const string TimestampType = "timestamp-type";
    public const string Headers = "headers";

    /// <summary>The readable keys with their natural types.</summary>
    public static IReadOnlyDictionary<string, DataType> Readable { get; } = new Dictionary<string, DataType>(StringComparer.Ordinal)
    {
        [Topic] = DataTypes.String(),
        [Partition] = DataTypes.Int(),
        [Offset] = DataTypes.BigInt(),
        [Timestamp] = DataTypes.TimestampLtz(3),
        [TimestampType] = DataTypes.String(),
        [Headers] = DataTypes.Map(DataTypes.String(), DataTypes.Bytes()),
    };

    /// <summary>The keys a sink writes; the others are ignored by sinks (declare them <c>VIRTUAL</c>).</summary>
    public static IReadOnlySet<string> Writable { get; } = new HashSet<string>(StringComparer.Ordinal) { Timestamp, Headers };
}
