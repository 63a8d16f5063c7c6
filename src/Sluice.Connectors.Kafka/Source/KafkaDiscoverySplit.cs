using System.Globalization;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>
/// A discovery slot of an unbounded source with partition discovery: the reader that holds slot
/// <paramref name="Slot"/> of <paramref name="Slots"/> periodically lists the subscribed topics and takes every new
/// partition whose stable hash modulo <paramref name="Slots"/> is <paramref name="Slot"/>, starting it at its earliest
/// offset. <paramref name="Known"/> holds the partitions seen so far (<c>topic-partition</c> ids), so a partition is
/// taken exactly once, also across restores and changes of parallelism (slots move as splits).
/// </summary>
/// <param name="Slot">The slot index.</param>
/// <param name="Slots">The number of slots (the parallelism when the job first started).</param>
/// <param name="Known">The split ids of the partitions known to this slot.</param>
public sealed record KafkaDiscoverySplit(int Slot, int Slots, IReadOnlySet<string> Known) : KafkaSourceSplit
{
    /// <inheritdoc />
    public override string SplitId => "discovery-" + Slot.ToString(CultureInfo.InvariantCulture);
}
