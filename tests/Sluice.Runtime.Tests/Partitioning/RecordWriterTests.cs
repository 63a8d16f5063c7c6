using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Partitioning;

namespace Sluice.Runtime.Tests.Partitioning;

public sealed class RecordWriterTests : IDisposable
{
    private readonly List<Signal> _signals = [];

    public void Dispose()
    {
        foreach (var s in _signals)
        {
            s.Dispose();
        }
    }

    [Fact]
    public void Emit_Forward_PassesEveryBatchToTheOneChannelInOrder()
    {
        var channels = Channels(1);
        var writer = new RecordWriter(PartitionerKind.Forward, channels, null, 128, subtaskIndex: 0, CancellationToken.None);
        var batches = Enumerable.Range(0, 5).Select(i => Batch(i * 10, 3)).ToList();

        foreach (var b in batches)
        {
            writer.Emit(b);
        }

        var received = Batches(channels[0]);
        Assert.Equal(batches.Count, received.Count);
        Assert.All(batches.Zip(received), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void Emit_Rebalance_DistributesBatchesRoundRobinStartingAtTheSubtaskIndex()
    {
        var channels = Channels(3);
        var writer = new RecordWriter(PartitionerKind.Rebalance, channels, null, 128, subtaskIndex: 4, CancellationToken.None);
        var batches = Enumerable.Range(0, 7).Select(i => Batch(i, 1)).ToList();

        foreach (var b in batches)
        {
            writer.Emit(b);
        }

        // Subtask 4 of 3 channels starts at channel 4 % 3 = 1.
        Assert.Equal([0L, 3, 6], Batches(channels[1]).Select(FirstValue));
        Assert.Equal([1L, 4], Batches(channels[2]).Select(FirstValue));
        Assert.Equal([2L, 5], Batches(channels[0]).Select(FirstValue));
    }

    [Fact]
    public void Emit_Broadcast_SendsAnIndependentCopyOfEveryRowToEveryChannel()
    {
        var channels = Channels(3);
        var writer = new RecordWriter(PartitionerKind.Broadcast, channels, null, 128, subtaskIndex: 0, CancellationToken.None);
        var original = Batch(100, 4);

        writer.Emit(original);

        var received = channels.Select(c => Assert.Single(Batches(c))).ToList();
        Assert.All(received, b => Assert.Equal([100L, 101, 102, 103], b.Items.ToArray()));
        Assert.All(received, b => Assert.Equal([0L, 10, 20, 30], b.Timestamps.ToArray()));
        Assert.Equal(3, received.Distinct(ReferenceEqualityComparer.Instance).Count());

        received[0].Dispose();
        Assert.Equal([100L, 101, 102, 103], received[1].Items.ToArray());
        Assert.Equal([100L, 101, 102, 103], received[2].Items.ToArray());
    }

    [Theory]
    [InlineData(2, 128)]
    [InlineData(3, 128)]
    [InlineData(5, 128)]
    [InlineData(4, 7)]
    public void Emit_Hash_SendsEveryRowToTheSubtaskOwningItsKeyGroupPreservingOrder(int targets, int maxParallelism)
    {
        var channels = Channels(targets);
        var selector = new ElementKeySelector<Row, long>(r => r.Key, KeyHashers.Int64);
        var writer = new RecordWriter(PartitionerKind.Hash, channels, selector, maxParallelism, subtaskIndex: 0, CancellationToken.None);
        var random = new Random(1234 + targets);
        var rows = Enumerable.Range(0, 2000).Select(i => new Row(random.NextInt64(-50_000, 50_000), i)).ToList();

        foreach (var chunk in rows.Chunk(250))
        {
            var batch = new ElementBatch<Row>(chunk.Length, withTimestamps: true);
            foreach (var r in chunk)
            {
                batch.Add(r, r.Index * 10L);
            }

            writer.Emit(batch);
        }

        var seen = new List<int>();
        for (var t = 0; t < targets; t++)
        {
            var received = new List<Row>();
            foreach (var b in Batches<Row>(channels[t]))
            {
                Assert.Equal(b.Items.ToArray().Select(r => r.Index * 10L), b.Timestamps.ToArray());
                received.AddRange(b.Items.ToArray());
            }

            Assert.All(received, r => Assert.Equal(ExpectedTarget(r.Key, maxParallelism, targets), t));
            Assert.Equal(received.Select(r => r.Index).Order(), received.Select(r => r.Index));
            seen.AddRange(received.Select(r => r.Index));
        }

        Assert.Equal(Enumerable.Range(0, rows.Count), seen.Order());
    }

    [Fact]
    public void Emit_HashWithEveryRowOnOneTarget_PassesTheBatchOnWhole()
    {
        var channels = Channels(4);
        var selector = new ElementKeySelector<Row, long>(r => r.Key, KeyHashers.Int64);
        var writer = new RecordWriter(PartitionerKind.Hash, channels, selector, 128, subtaskIndex: 0, CancellationToken.None);
        var batch = new ElementBatch<Row>(3);
        batch.Add(new Row(42, 0));
        batch.Add(new Row(42, 1));
        batch.Add(new Row(42, 2));

        writer.Emit(batch);

        var target = ExpectedTarget(42, 128, 4);
        Assert.Same(batch, Assert.Single(Batches<Row>(channels[target])));
        Assert.All(Enumerable.Range(0, 4).Where(t => t != target), t => Assert.Equal(0, channels[t].Count));
    }

    [Theory]
    [InlineData(PartitionerKind.Rebalance)]
    [InlineData(PartitionerKind.Broadcast)]
    [InlineData(PartitionerKind.Hash)]
    public void Emit_EmptyBatch_WritesNothing(PartitionerKind kind)
    {
        var channels = Channels(3);
        var selector = new ElementKeySelector<long, long>(v => v, KeyHashers.Int64);
        var writer = new RecordWriter(kind, channels, selector, 128, subtaskIndex: 0, CancellationToken.None);

        writer.Emit(new ElementBatch<long>(4));

        Assert.All(channels, c => Assert.Equal(0, c.Count));
    }

    [Theory]
    [InlineData(PartitionerKind.Rebalance)]
    [InlineData(PartitionerKind.Hash)]
    public void Broadcast_ControlMessage_ReachesEveryChannel(PartitionerKind kind)
    {
        var channels = Channels(3);
        var selector = new ElementKeySelector<long, long>(v => v, KeyHashers.Int64);
        var writer = new RecordWriter(kind, channels, selector, 128, subtaskIndex: 0, CancellationToken.None);

        writer.Broadcast(StreamMessage.OfWatermark(new Watermark(77)));
        writer.Broadcast(StreamMessage.EndOfInput);

        Assert.All(channels, c =>
        {
            Assert.True(c.TryRead(out var wm));
            Assert.Equal(77, wm.Watermark.Timestamp);
            Assert.True(c.TryRead(out var end));
            Assert.Equal(MessageKind.EndOfInput, end.Kind);
        });
    }

    [Fact]
    public void IsAvailable_AnyChannelFull_IsFalseUntilItIsRead()
    {
        var channels = Channels(2, capacity: 1);
        var writer = new RecordWriter(PartitionerKind.Rebalance, channels, null, 128, subtaskIndex: 0, CancellationToken.None);
        Assert.True(writer.IsAvailable);

        writer.Emit(Batch(0, 1));

        Assert.False(writer.IsAvailable);
        Assert.True(channels[0].TryRead(out var m));
        m.Batch!.Dispose();
        Assert.True(writer.IsAvailable);
    }

    private static int ExpectedTarget(long key, int maxParallelism, int targets) =>
        KeyGroups.SubtaskFor(KeyGroups.Assign(KeyHashers.Int64.GetStableHash(key), maxParallelism), maxParallelism, targets);

    private LocalChannel[] Channels(int count, int capacity = 64)
    {
        var producer = new Signal();
        _signals.Add(producer);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var consumer = new Signal();
            _signals.Add(consumer);
            return new LocalChannel(capacity, consumer, producer);
        }).ToArray();
    }

    private static ElementBatch<long> Batch(long first, int rows)
    {
        var batch = new ElementBatch<long>(rows, withTimestamps: true);
        for (var i = 0; i < rows; i++)
        {
            batch.Add(first + i, i * 10L);
        }

        return batch;
    }

    private static long FirstValue(ElementBatch<long> batch) => batch.Items[0];

    private static List<ElementBatch<long>> Batches(LocalChannel channel) => Batches<long>(channel);

    private static List<ElementBatch<T>> Batches<T>(LocalChannel channel)
    {
        var batches = new List<ElementBatch<T>>();
        while (channel.TryRead(out var m))
        {
            Assert.Equal(MessageKind.Batch, m.Kind);
            batches.Add((ElementBatch<T>)m.Batch!);
        }

        return batches;
    }

    private readonly record struct Row(long Key, int Index);
}
