using System.Globalization;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>
/// One topic partition with its position: the offset of the next record to read, and the offset (exclusive) where a
/// bounded scan stops (<see cref="long.MaxValue"/> when unbounded).
/// </summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition.</param>
/// <param name="NextOffset">The offset of the next record to emit.</param>
/// <param name="StopOffset">The offset at which the split is finished (exclusive).</param>
public sealed record KafkaPartitionSplit(string Topic, int Partition, long NextOffset, long StopOffset) : KafkaSourceSplit
{
    /// <summary>The stop offset of an unbounded split.</summary>
    public const long Unbounded = long.MaxValue;

    /// <inheritdoc />
    public override string SplitId => Topic + "-" + Partition.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when nothing is left to read.</summary>
    public bool IsFinished => NextOffset >= StopOffset;
}
