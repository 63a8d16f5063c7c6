using Confluent.Kafka;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Hashing;

namespace Sluice.Connectors.Kafka.Source;

/// <summary>
/// Reads the partitions of one subtask with one consumer that has them assigned (no group membership).
/// </summary>
/// <remarks>
/// <para><b>One poll</b> takes the records the client has already fetched, up to
/// <see cref="KafkaSourceOptions.MaxRecordsPerPoll"/>, and emits one batch per partition (more when tombstones cut
/// it); positions advance only with emitted records, so a snapshot between polls is exact. With nothing fetched it
/// waits a few milliseconds, and after an assignment up to 2 s for the first answer, then reports that nothing is
/// available.</para>
/// <para><b>Bounded splits</b> finish when their position reaches the stop offset (a record at or past it, or the
/// end of the partition reported there); the reader then unassigns them.</para>
/// <para><b>Offsets back to Kafka.</b> When <c>properties.group.id</c> is set, the offsets of a checkpoint are
/// committed to the group when it completes; that is informational (monitoring, <c>group-offsets</c> of another
/// job): the job itself resumes from its checkpoints.</para>
/// <para><b>Threading.</b> Called on the source task's thread only. <see cref="Dispose"/> closes the consumer.</para>
/// </remarks>
internal sealed class KafkaSourceReader : ISourceReader<KafkaSourceSplit>
{
    private const int MaxPendingCommits = 16;

    // A poll waits this long for the client when it has nothing buffered (instead of spinning), and up to
    // FirstFetchWait for the first answer after partitions were assigned (connecting and the first fetch), so that a
    // reader makes progress from its first poll. Both are bounded; checkpoints wait at most that long.
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan FirstFetchWait = TimeSpan.FromSeconds(2);

    private readonly KafkaSourceOptions _options;
    private readonly SourceReaderContext _context;
    private readonly Dictionary<TopicPartition, KafkaPartitionSplit> _splits = [];
    private readonly HashSet<TopicPartition> _assigned = [];
    private readonly List<KafkaDiscoverySplit> _slots = [];
    private readonly Dictionary<TopicPartition, List<ConsumeResult<byte[]?, byte[]?>>> _polled = [];
    private readonly SortedDictionary<long, List<TopicPartitionOffset>> _pendingCommits = [];
    private readonly KafkaRowAssembler _assembler;
    private IConsumer<byte[]?, byte[]?>? _consumer;
    private long _nextDiscovery;
    private bool _awaitingFirstFetch;
    private bool _slotsReported;

    public KafkaSourceReader(KafkaSourceOptions options, SourceReaderContext context)
    {
        _options = options;
        _context = context;
        _assembler = new KafkaRowAssembler(options);
    }

    public void AddSplits(IReadOnlyList<KafkaSourceSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        var added = new List<TopicPartitionOffset>();
        foreach (var split in splits)
        {
            switch (split)
            {
                case KafkaPartitionSplit partition:
                    added.AddRange(Add(partition));
                    break;
                case KafkaDiscoverySplit slot:
                    _slots.Add(slot);
                    _nextDiscovery = 0; // look at once: partitions may have been added while the job was down
                    break;
            }
        }

        Assign(added);
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_slots.Count > 0)
        {
            if (!_slotsReported)
            {
                // Slots emit no rows: take them out of the watermark minimum at once.
                foreach (var slot in _slots)
                {
                    output.SplitFinished(slot.SplitId);
                }

                _slotsReported = true;
            }

            var now = _context.TimeProvider.GetTimestamp();
            if (now >= _nextDiscovery)
            {
                Discover();
                _nextDiscovery = now + (long)(_options.DiscoveryInterval!.Value.TotalSeconds * _context.TimeProvider.TimestampFrequency);
            }
        }

        var finished = Finished();
        var records = 0;
        if (_consumer is not null && _splits.Count > (finished?.Count ?? 0))
        {
            records = Fetch();
            foreach (var (partition, list) in _polled)
            {
                if (list.Count == 0)
                {
                    continue;
                }

                var splitId = _splits[partition].SplitId;
                _assembler.Decode(list, batch => output.Emit(splitId, batch));
                var split = _splits[partition];
                _splits[partition] = split with { NextOffset = Math.Max(split.NextOffset, list[^1].Offset.Value + 1) };
                list.Clear();
            }

            finished = Finished();
        }

        if (finished is not null)
        {
            foreach (var split in finished)
            {
                _splits.Remove(new TopicPartition(split.Topic, split.Partition));
                output.SplitFinished(split.SplitId);
            }

            Unassign(finished);
        }

        if (_splits.Count == 0 && _slots.Count == 0)
        {
            return InputStatus.EndOfInput;
        }

        return records > 0 ? InputStatus.MoreAvailable : InputStatus.NothingAvailable;
    }

    public IReadOnlyList<KafkaSourceSplit> SnapshotState(long checkpointId)
    {
        var state = new List<KafkaSourceSplit>(_splits.Values);
        state.AddRange(_slots);
        if (_options.Properties.ContainsKey("group.id") && _splits.Count > 0)
        {
            _pendingCommits[checkpointId] = [.. _splits.Values.Select(s => new TopicPartitionOffset(s.Topic, s.Partition, s.NextOffset))];
            while (_pendingCommits.Count > MaxPendingCommits)
            {
                _pendingCommits.Remove(_pendingCommits.Keys.First());
            }
        }

        return state;
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        if (!_pendingCommits.TryGetValue(checkpointId, out var offsets))
        {
            return;
        }

        foreach (var id in _pendingCommits.Keys.Where(k => k <= checkpointId).ToList())
        {
            _pendingCommits.Remove(id);
        }

        try
        {
            _consumer?.Commit(offsets);
        }
        catch (KafkaException)
        {
            // Informational only: the job resumes from its checkpoints, not from the group's offsets.
        }
    }

    public void Dispose()
    {
        _assembler.Dispose();
        if (_consumer is not null)
        {
            try
            {
                _consumer.Close();
            }
            catch (KafkaException)
            {
                // Closing an assign-only consumer leaves no group; nothing to recover.
            }

            _consumer.Dispose();
            _consumer = null;
        }
    }

    /// <summary>The finished splits, or null when there are none (no allocation on the common path).</summary>
    private List<KafkaPartitionSplit>? Finished()
    {
        List<KafkaPartitionSplit>? finished = null;
        foreach (var split in _splits.Values)
        {
            if (split.IsFinished)
            {
                (finished ??= []).Add(split);
            }
        }

        return finished;
    }

    private List<TopicPartitionOffset> Add(KafkaPartitionSplit split)
    {
        var partition = new TopicPartition(split.Topic, split.Partition);
        _splits[partition] = split;
        return split.IsFinished ? [] : [new TopicPartitionOffset(partition, split.NextOffset)];
    }

    private void Assign(List<TopicPartitionOffset> partitions)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        _consumer ??= KafkaClients.CreateConsumer(_options.Properties);
        try
        {
            _consumer.IncrementalAssign(partitions);
            _assigned.UnionWith(partitions.Select(p => p.TopicPartition));
            _awaitingFirstFetch = true;
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot assign {string.Join(", ", partitions)}: {ex.Error.Reason}", ex);
        }
    }

    private void Unassign(List<KafkaPartitionSplit> splits)
    {
        // Splits that were finished when added (empty ranges) were never assigned.
        var assigned = splits.Select(s => new TopicPartition(s.Topic, s.Partition)).Where(_assigned.Remove).ToList();
        if (_consumer is null || assigned.Count == 0)
        {
            return;
        }

        try
        {
            _consumer.IncrementalUnassign(assigned);
        }
        catch (KafkaException ex)
        {
            throw Failure($"cannot unassign finished partitions: {ex.Error.Reason}", ex);
        }
    }

    /// <summary>Takes what the client has buffered (waiting a bounded time when there is nothing); returns the number of records taken.</summary>
    private int Fetch()
    {
        var count = 0;
        while (count < _options.MaxRecordsPerPoll)
        {
            ConsumeResult<byte[]?, byte[]?>? result;
            try
            {
                result = _consumer!.Consume(count > 0 ? TimeSpan.Zero : _awaitingFirstFetch ? FirstFetchWait : IdleWait);
            }
            catch (ConsumeException ex)
            {
                throw Failure($"cannot read {ex.ConsumerRecord?.TopicPartitionOffset}: {ex.Error.Reason}", ex);
            }

            if (result is null)
            {
                break;
            }

            _awaitingFirstFetch = false;

            if (!_splits.TryGetValue(result.TopicPartition, out var split))
            {
                continue; // a partition unassigned meanwhile
            }

            if (result.IsPartitionEOF)
            {
                // The end of what exists now. A bounded split whose stop offset is there is finished, even when its
                // last offsets hold no records (transaction markers, compaction).
                if (result.Offset.Value >= split.StopOffset)
                {
                    _splits[result.TopicPartition] = split with { NextOffset = split.StopOffset };
                }

                continue;
            }

            if (result.Offset.Value >= split.StopOffset)
            {
                _splits[result.TopicPartition] = split with { NextOffset = split.StopOffset };
                continue;
            }

            if (!_polled.TryGetValue(result.TopicPartition, out var list))
            {
                list = [];
                _polled[result.TopicPartition] = list;
            }

            list.Add(result);
            count++;
        }

        return count;
    }

    private void Discover()
    {
        var client = _consumer ??= KafkaClients.CreateConsumer(_options.Properties);
        List<TopicPartition> partitions;
        try
        {
            partitions = KafkaClients.ListPartitions(client, _options.Topics, _options.Includes, TimeSpan.FromSeconds(5));
        }
        catch (KafkaException)
        {
            return; // try again at the next interval
        }

        var added = new List<TopicPartitionOffset>();
        for (var i = 0; i < _slots.Count; i++)
        {
            var slot = _slots[i];
            var known = new HashSet<string>(slot.Known, StringComparer.Ordinal);
            foreach (var partition in partitions)
            {
                var split = new KafkaPartitionSplit(partition.Topic, partition.Partition.Value, 0, KafkaPartitionSplit.Unbounded);
                if (!known.Add(split.SplitId))
                {
                    continue;
                }

                if (Owner(split.SplitId, slot.Slots) == slot.Slot)
                {
                    added.AddRange(Add(split));
                }
            }

            _slots[i] = slot with { Known = known };
        }

        Assign(added);
    }

    /// <summary>The slot that takes a newly discovered partition: a stable hash of its id, so every slot agrees.</summary>
    internal static int Owner(string splitId, int slots) => (int)((uint)StableHash.Hash(splitId) % (uint)slots);

    private ConnectorException Failure(string message, Exception inner) =>
        new("kafka", $"Table '{_options.TableName}': {message}", ErrorDomain.External, RetryHint.WithBackoff, inner);
}
