using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Timer queues against a reference model: many timers per timestamp, removals, re-adds, additions while
/// polling, and snapshots taken in the middle of polling.</content>
public abstract partial class StateBackendContractTests
{
    [Fact]
    public void TimerQueue_RandomOperations_MatchAReferenceModel()
    {
        var random = new Random(42);
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        var model = new TimerModel();
        for (var step = 0; step < 6_000; step++)
        {
            var key = (long)random.Next(60);
            var ns = (long)random.Next(2);
            var timestamp = 1000L + random.Next(8);
            switch (random.Next(10))
            {
                case < 6:
                    Assert.Equal(model.Add(key, ns, timestamp), queue.Add(key, ns, timestamp));
                    break;
                case < 8:
                    Assert.Equal(model.Remove(key, ns, timestamp), queue.Remove(key, ns, timestamp));
                    break;
                default:
                    if (model.Count > 0)
                    {
                        Assert.True(queue.TryPeekTimestamp(out var nextTimestamp));
                        Assert.Equal(model.Next().Timestamp, nextTimestamp);
                        Assert.True(queue.TryPeek(out var peeked));
                        Assert.Equal(model.Next(), peeked);
                        Assert.Equal(model.Poll(), queue.Poll());
                    }
                    else
                    {
                        Assert.False(queue.TryPeek(out _));
                        Assert.False(queue.TryPeekTimestamp(out _));
                    }

                    break;
            }

            Assert.Equal(model.Count, queue.Count);
            Assert.Equal(model.Contains(key, ns, timestamp), queue.Contains(key, ns, timestamp));
        }

        var rest = new List<TimerEntry<long, long>>();
        while (queue.Count > 0)
        {
            rest.Add(queue.Poll());
        }

        Assert.Equal(model.DrainAll(), rest);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(600)]
    public void TimerQueue_ManyTimersPerTimestampAddedOutOfKeyGroupOrder_FireByKeyGroupThenInsertion(int keys)
    {
        // Window operators register thousands of timers at one window end, in no key group order: the bucket of a
        // timestamp is sorted when first read (by counting when the key groups are dense), and ties within a key group
        // keep their insertion order.
        var random = new Random(7);
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        var model = new TimerModel();
        for (var i = 0; i < 4 * keys; i++)
        {
            var key = (long)random.Next(keys);
            var ns = (long)random.Next(3);
            var timestamp = 100L * (1 + random.Next(3));
            Assert.Equal(model.Add(key, ns, timestamp), queue.Add(key, ns, timestamp));
            if (random.Next(8) == 0)
            {
                var removed = (long)random.Next(keys);
                Assert.Equal(model.Remove(removed, ns, timestamp), queue.Remove(removed, ns, timestamp));
            }
        }

        var polled = new List<TimerEntry<long, long>>();
        while (queue.Count > 0)
        {
            polled.Add(queue.Poll());
        }

        var expected = model.DrainAll();
        Assert.True(expected.Count > 100);
        Assert.Equal(expected, polled);
    }

    [Fact]
    public void TimerQueue_EveryTimerOfTheEarliestTimestampRemoved_PeeksTheNextTimestamp()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        for (long key = 0; key < 10; key++)
        {
            queue.Add(key, 0, 10);
            queue.Add(key, 0, 20);
        }

        for (long key = 0; key < 10; key++)
        {
            Assert.True(queue.Remove(key, 0, 10));
        }

        Assert.True(queue.TryPeekTimestamp(out var timestamp));
        Assert.Equal(20, timestamp);
        Assert.Equal(10, queue.Count);
        Assert.True(queue.Add(3, 0, 10));
        Assert.True(queue.TryPeek(out var head));
        Assert.Equal(new TimerEntry<long, long>(3, 0, 10), head);
    }

    [Fact]
    public void TimerQueue_AddAtTheFiringTimestampWhilePolling_KeepsKeyGroupOrder()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        var model = new TimerModel();
        for (long key = 0; key < 100; key++)
        {
            queue.Add(key, 0, 500);
            model.Add(key, 0, 500);
        }

        var polled = new List<TimerEntry<long, long>>();
        var expected = new List<TimerEntry<long, long>>();
        while (queue.Count > 0)
        {
            var timer = queue.Poll();
            polled.Add(timer);
            expected.Add(model.Poll());
            if (timer.Namespace == 0)
            {
                // As a timer callback may: another timer at the timestamp being fired, for another key.
                var other = (timer.Key * 7) + 1000;
                Assert.Equal(model.Add(other, 1, 500), queue.Add(other, 1, 500));
            }
        }

        Assert.Equal(expected, polled);
        Assert.Equal(200, polled.Count);
    }

    [Fact]
    public void TimerQueue_SnapshotWhilePartlyPolledAndAfterRemovals_RestoresTheRemainingTimersInOrder()
    {
        KeyGroupsSnapshot snapshot;
        List<TimerEntry<long, long>> expected;
        using (var source = CreateBackend())
        {
            var queue = source.GetTimerQueue("t", Serializers.Int64);
            for (long key = 0; key < 300; key++)
            {
                queue.Add(key, key % 3, 100 + (key % 4));
            }

            for (var i = 0; i < 50; i++)
            {
                queue.Poll();
            }

            for (long key = 0; key < 300; key += 5)
            {
                queue.Remove(key, key % 3, 100 + (key % 4));
            }

            snapshot = source.Snapshot();
            expected = [];
            while (queue.Count > 0)
            {
                expected.Add(queue.Poll());
            }
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);
        var restoredQueue = restored.GetTimerQueue("t", Serializers.Int64);
        var actual = new List<TimerEntry<long, long>>();
        while (restoredQueue.Count > 0)
        {
            actual.Add(restoredQueue.Poll());
        }

        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 150);
    }

    /// <summary>The specified order, computed naively: timestamp, then key group, then insertion.</summary>
    private sealed class TimerModel
    {
        private readonly List<(long Key, long Ns, long Timestamp, long Sequence)> _timers = [];
        private long _sequence;

        public int Count => _timers.Count;

        public bool Add(long key, long ns, long timestamp)
        {
            if (Contains(key, ns, timestamp))
            {
                return false;
            }

            _timers.Add((key, ns, timestamp, _sequence++));
            return true;
        }

        public bool Remove(long key, long ns, long timestamp) =>
            _timers.RemoveAll(t => t.Key == key && t.Ns == ns && t.Timestamp == timestamp) > 0;

        public bool Contains(long key, long ns, long timestamp) =>
            _timers.Exists(t => t.Key == key && t.Ns == ns && t.Timestamp == timestamp);

        public TimerEntry<long, long> Next()
        {
            var next = _timers.OrderBy(t => t.Timestamp).ThenBy(t => KeyGroupOf(t.Key)).ThenBy(t => t.Sequence).First();
            return new TimerEntry<long, long>(next.Key, next.Ns, next.Timestamp);
        }

        public TimerEntry<long, long> Poll()
        {
            var next = Next();
            Remove(next.Key, next.Namespace, next.Timestamp);
            return next;
        }

        public List<TimerEntry<long, long>> DrainAll()
        {
            var all = new List<TimerEntry<long, long>>();
            while (Count > 0)
            {
                all.Add(Poll());
            }

            return all;
        }
    }
}
