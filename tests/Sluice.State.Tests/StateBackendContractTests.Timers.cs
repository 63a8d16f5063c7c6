using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Timer queues.</content>
public abstract partial class StateBackendContractTests
{
    [Fact]
    public void TimerQueue_Poll_ReturnsSmallestTimestampFirst()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", VoidNamespace.Serializer);
        var timestamps = new long[] { 50, 10, 40, 30, 20, 60, 5 };
        foreach (var ts in timestamps)
        {
            Assert.True(queue.Add(ts, VoidNamespace.Instance, ts));
        }

        Assert.True(queue.TryPeek(out var head));
        Assert.Equal(5, head.Timestamp);
        var polled = new List<long>();
        while (queue.Count > 0)
        {
            polled.Add(queue.Poll().Timestamp);
        }

        Assert.Equal(timestamps.Order(), polled);
        Assert.False(queue.TryPeek(out _));
        Assert.Throws<InvalidOperationException>(() => queue.Poll());
    }

    [Fact]
    public void TimerQueue_RandomAddsRemovesAndPolls_MatchASetOfTimers()
    {
        // Heavy churn over a few hundred keys, namespaces and timestamps: the queue's index (open addressing with
        // deletion by backward shift) must find, deduplicate and remove every timer as a set of timers does, through
        // growth and long probe runs, and polling must return the smallest remaining timestamp.
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        var expected = new HashSet<(long Key, long Ns, long Ts)>();
        var random = new Random(23);
        for (var op = 0; op < 60_000; op++)
        {
            var timer = ((long)random.Next(400), (long)random.Next(3), (long)random.Next(1_000, 1_060));
            switch (random.Next(10))
            {
                case < 5:
                    Assert.Equal(expected.Add(timer), queue.Add(timer.Item1, timer.Item2, timer.Item3));
                    break;
                case < 8:
                    Assert.Equal(expected.Remove(timer), queue.Remove(timer.Item1, timer.Item2, timer.Item3));
                    break;
                case 8:
                    Assert.Equal(expected.Contains(timer), queue.Contains(timer.Item1, timer.Item2, timer.Item3));
                    break;
                default:
                    if (expected.Count > 0)
                    {
                        var polled = queue.Poll();
                        Assert.Equal(expected.Min(t => t.Ts), polled.Timestamp);
                        Assert.True(expected.Remove((polled.Key, polled.Namespace, polled.Timestamp)));
                    }

                    break;
            }

            Assert.Equal(expected.Count, queue.Count);
        }

        Assert.True(expected.Count > 100);
        foreach (var (key, ns, ts) in expected)
        {
            Assert.True(queue.Contains(key, ns, ts));
        }

        var drained = 0;
        while (queue.Count > 0)
        {
            var polled = queue.Poll();
            Assert.True(expected.Remove((polled.Key, polled.Namespace, polled.Timestamp)));
            drained++;
        }

        Assert.Empty(expected);
        Assert.True(drained > 100);
    }

    [Fact]
    public void TimerQueue_AddSameTimerTwice_IsDeduplicated()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);

        Assert.True(queue.Add(1, 7, 100));
        Assert.False(queue.Add(1, 7, 100));
        Assert.True(queue.Add(1, 8, 100));
        Assert.True(queue.Add(2, 7, 100));
        Assert.True(queue.Add(1, 7, 101));

        Assert.Equal(4, queue.Count);
    }

    [Fact]
    public void TimerQueue_Remove_RemovesOnlyThatTimer()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        for (long i = 0; i < 20; i++)
        {
            queue.Add(i, 0, 100 - i);
        }

        Assert.True(queue.Remove(19, 0, 81));
        Assert.False(queue.Remove(19, 0, 81));
        Assert.True(queue.Remove(5, 0, 95));
        Assert.False(queue.Remove(6, 1, 94));

        var polled = new List<long>();
        while (queue.Count > 0)
        {
            polled.Add(queue.Poll().Key);
        }

        Assert.Equal(Enumerable.Range(0, 20).Select(i => (long)i).Where(k => k is not 19 and not 5).Reverse(), polled);
    }

    [Fact]
    public void TimerQueue_EqualTimestamps_OrderedByKeyGroupThenInsertion()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);
        var keys = Enumerable.Range(0, 50).Select(i => (long)i).ToArray();
        foreach (var key in keys.Reverse())
        {
            queue.Add(key, 2, 100);
            queue.Add(key, 1, 100);
        }

        var polled = new List<(long Key, long Ns)>();
        while (queue.Count > 0)
        {
            var t = queue.Poll();
            polled.Add((t.Key, t.Namespace));
        }

        var expected = keys.Reverse()
            .SelectMany((k, i) => new[] { (Key: k, Ns: 2L, Seq: 2 * i), (Key: k, Ns: 1L, Seq: (2 * i) + 1) })
            .OrderBy(x => KeyGroupOf(x.Key)).ThenBy(x => x.Seq)
            .Select(x => (x.Key, x.Ns));
        Assert.Equal(expected, polled);
    }

    [Fact]
    public void TimerQueue_KeyOutsideRange_ThrowsStateException()
    {
        var range = KeyGroups.RangeFor(MaxParallelism, 4, 3);
        using var backend = CreateBackend(range, MaxParallelism, Time);
        var queue = backend.GetTimerQueue("t", VoidNamespace.Serializer);
        var key = FirstKeyOutside(range);

        var ex = Assert.Throws<StateException>(() => queue.Add(key, default, 1));
        Assert.Contains(range.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimerQueue_SameName_ReturnsSameQueueAndOtherNamespaceTypeThrows()
    {
        using var backend = CreateBackend();
        var queue = backend.GetTimerQueue("t", Serializers.Int64);

        Assert.Same(queue, backend.GetTimerQueue("t", Serializers.Int64));
        Assert.Throws<StateException>(() => backend.GetTimerQueue("t", Serializers.Int32));
    }

    [Fact]
    public void TimerQueue_SnapshotRestore_SameTimersInSameOrder()
    {
        var keys = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        List<TimerEntry<long, long>> expected;
        KeyGroupsSnapshot snapshot;
        using (var source = CreateBackend())
        {
            var queue = source.GetTimerQueue("t", Serializers.Int64);
            foreach (var key in keys)
            {
                queue.Add(key, key % 4, key % 17);
                queue.Add(key, (key + 1) % 4, key % 5);
            }

            snapshot = source.Snapshot();
            expected = Drain(queue);
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);

        Assert.Equal(expected, Drain(restored.GetTimerQueue("t", Serializers.Int64)));
    }

    [Fact]
    public void TimerQueue_RestoreIntoTwoSubtasks_EveryTimerExactlyOnceInItsOwner()
    {
        var keys = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        KeyGroupsSnapshot snapshot;
        using (var source = CreateBackend())
        {
            var queue = source.GetTimerQueue("t", Serializers.Int64);
            foreach (var key in keys)
            {
                queue.Add(key, 0, key);
            }

            snapshot = source.Snapshot();
        }

        var all = new List<long>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            var range = KeyGroups.RangeFor(MaxParallelism, 2, subtask);
            using var backend = CreateBackend(range, MaxParallelism, Time);
            backend.Restore([snapshot]);
            var timers = Drain(backend.GetTimerQueue("t", Serializers.Int64));

            Assert.All(timers, t => Assert.True(range.Contains(KeyGroupOf(t.Key))));
            Assert.Equal(timers.Select(t => t.Timestamp).Order(), timers.Select(t => t.Timestamp));
            all.AddRange(timers.Select(t => t.Key));
        }

        Assert.Equal(keys, all.Order());
    }

    private static List<TimerEntry<long, TNs>> Drain<TNs>(KeyGroupedTimerQueue<long, TNs> queue)
    {
        var result = new List<TimerEntry<long, TNs>>();
        while (queue.Count > 0)
        {
            result.Add(queue.Poll());
        }

        return result;
    }
}
