using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;

namespace Sluice.Runtime.Tests.Channels;

public sealed class LocalChannelTests : IDisposable
{
    private readonly Signal _consumerSignal = new();
    private readonly Signal _producerSignal = new();

    public void Dispose()
    {
        _consumerSignal.Dispose();
        _producerSignal.Dispose();
    }

    [Fact]
    public void TryRead_AfterWrites_ReturnsMessagesInWriteOrder()
    {
        var channel = new LocalChannel(8, _consumerSignal, _producerSignal);
        using var batch = Batch(1, 2, 3);
        var barrier = new CheckpointBarrier(7, 1234, CheckpointOptions.Default);

        channel.Write(Watermark(10), CancellationToken.None);
        channel.Write(StreamMessage.OfBatch(batch), CancellationToken.None);
        channel.Write(StreamMessage.OfBarrier(barrier), CancellationToken.None);
        channel.Write(StreamMessage.Idle, CancellationToken.None);
        channel.Write(StreamMessage.EndOfInput, CancellationToken.None);

        Assert.Equal(5, channel.Count);
        var read = ReadAll(channel);
        Assert.Equal(
            [MessageKind.Watermark, MessageKind.Batch, MessageKind.Barrier, MessageKind.Idle, MessageKind.EndOfInput],
            read.Select(m => m.Kind));
        Assert.Equal(10, read[0].Watermark.Timestamp);
        Assert.Same(batch, read[1].Batch);
        Assert.Equal(barrier, read[2].Barrier);
        Assert.False(channel.TryRead(out _));
        Assert.Equal(0, channel.Count);
    }

    [Fact]
    public void TryRead_InterleavedWithWritesAcrossRingWrapAround_KeepsFifoOrder()
    {
        var channel = new LocalChannel(4, _consumerSignal, _producerSignal);
        var random = new Random(4711);
        var next = 0L;
        var read = new List<long>();
        for (var round = 0; round < 200; round++)
        {
            var writes = random.Next(0, 5 - channel.Count);
            for (var i = 0; i < writes; i++)
            {
                channel.Write(Watermark(next++), CancellationToken.None);
            }

            var reads = random.Next(0, channel.Count + 1);
            for (var i = 0; i < reads; i++)
            {
                Assert.True(channel.TryRead(out var m));
                read.Add(m.Watermark.Timestamp);
            }
        }

        read.AddRange(ReadAll(channel).Select(m => m.Watermark.Timestamp));
        Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), read);
    }

    [Fact]
    public void Write_WhenCapacityReached_BlocksProducerUntilConsumerReads()
    {
        // Capacity 3 is not a power of two: the ring is larger, but the producer must still block at 3.
        var channel = new LocalChannel(3, _consumerSignal, _producerSignal);
        var written = 0;
        long blockedTicks = 0;
        var producer = new Thread(() =>
        {
            for (var i = 0; i < 5; i++)
            {
                blockedTicks += channel.Write(Watermark(i), CancellationToken.None);
                Interlocked.Increment(ref written);
            }
        })
        { IsBackground = true };
        producer.Start();

        WaitUntilBlocked(producer, () => channel.Count == 3 && Volatile.Read(ref written) == 3, "producer blocked on the 4th write");
        Assert.Equal(3, channel.Count);

        Assert.True(channel.TryRead(out var first));
        Assert.Equal(0, first.Watermark.Timestamp);
        WaitUntilBlocked(producer, () => channel.Count == 3 && Volatile.Read(ref written) == 4, "producer blocked on the 5th write");

        var read = new List<long> { first.Watermark.Timestamp };
        while (read.Count < 5)
        {
            Eventually.True(() => channel.HasMessages, "the next message");
            Assert.True(channel.TryRead(out var m));
            read.Add(m.Watermark.Timestamp);
        }

        Assert.True(producer.Join(Eventually.Timeout));
        Assert.Equal([0L, 1, 2, 3, 4], read);
        Assert.True(blockedTicks > 0, "a blocked write reports the time it was blocked");
    }

    [Fact]
    public void Write_WhileBlockedAndCancelled_ThrowsOperationCanceledAndQueuesNothing()
    {
        var channel = new LocalChannel(1, _consumerSignal, _producerSignal);
        channel.Write(Watermark(1), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        Exception? caught = null;
        var producer = new Thread(() =>
        {
            try
            {
                channel.Write(Watermark(2), cancellation.Token);
            }
            catch (Exception ex)
            {
                caught = ex;
            }
        })
        { IsBackground = true };
        producer.Start();
        WaitUntilBlocked(producer, () => channel.Count == 1, "producer blocked on a full channel");

        cancellation.Cancel();

        Assert.True(producer.Join(Eventually.Timeout), "the cancelled producer must return");
        Assert.IsAssignableFrom<OperationCanceledException>(caught);
        Assert.Equal(1, channel.Count);
        Assert.True(channel.TryRead(out var only));
        Assert.Equal(1, only.Watermark.Timestamp);
    }

    [Fact]
    public void Write_WithParkedConsumer_WakesTheConsumer()
    {
        var channel = new LocalChannel(4, _consumerSignal, _producerSignal);
        var woke = false;
        var consumer = new Thread(() =>
        {
            // Parked far longer than the test may take: only the producer's notification can wake it in time.
            _consumerSignal.Wait(() => channel.HasMessages, TimeSpan.FromMinutes(10), CancellationToken.None);
            Volatile.Write(ref woke, channel.HasMessages);
        })
        { IsBackground = true };
        consumer.Start();
        WaitUntilBlocked(consumer, () => true, "consumer parked");

        channel.Write(Watermark(5), CancellationToken.None);

        Assert.True(consumer.Join(Eventually.Timeout), "the write must wake the parked consumer");
        Assert.True(Volatile.Read(ref woke));
    }

    [Fact]
    public void Drain_WithQueuedBatches_DisposesThemAndEmptiesTheChannel()
    {
        var channel = new LocalChannel(4, _consumerSignal, _producerSignal);
        var first = Batch(1, 2);
        var second = Batch(3);
        channel.Write(StreamMessage.OfBatch(first), CancellationToken.None);
        channel.Write(Watermark(9), CancellationToken.None);
        channel.Write(StreamMessage.OfBatch(second), CancellationToken.None);

        channel.Drain();

        Assert.Equal(0, channel.Count);
        Assert.Equal(0, first.RowCount);
        Assert.Equal(0, second.RowCount);
    }

    private static StreamMessage Watermark(long timestamp) => StreamMessage.OfWatermark(new Watermark(timestamp));

    private static ElementBatch<int> Batch(params int[] values)
    {
        var batch = new ElementBatch<int>(values.Length);
        foreach (var v in values)
        {
            batch.Add(v);
        }

        return batch;
    }

    private static List<StreamMessage> ReadAll(LocalChannel channel)
    {
        var messages = new List<StreamMessage>();
        while (channel.TryRead(out var m))
        {
            messages.Add(m);
        }

        return messages;
    }

    /// <summary>Waits until the thread is parked (WaitSleepJoin) while <paramref name="condition"/> holds.</summary>
    private static void WaitUntilBlocked(Thread thread, Func<bool> condition, string what) =>
        Eventually.True(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0 && condition(), what);
}
