using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Snapshot and restore, including rescaling.</content>
public abstract partial class StateBackendContractTests
{
    private static readonly ListStateDescriptor<string> EventsDescriptor = new("events", Serializers.String);
    private static readonly MapStateDescriptor<string, long> TagsDescriptor = new("tags", Serializers.String, Serializers.Int64);
    private static readonly ReducingStateDescriptor<long> SumDescriptor = new("sum", (a, b) => a + b, Serializers.Int64);

    [Fact]
    public void Snapshot_RestoreIntoFreshBackend_EveryStateKindHasSameValues()
    {
        KeyGroupsSnapshot snapshot;
        using (var source = CreateBackend())
        {
            Fill(source, Enumerable.Range(0, 200).Select(i => (long)i));
            snapshot = source.Snapshot();
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);

        AssertFilled(restored, Enumerable.Range(0, 200).Select(i => (long)i));
    }

    [Fact]
    public void Snapshot_Layout_HasOneOffsetPerKeyGroupPlusEnd()
    {
        var range = KeyGroups.RangeFor(MaxParallelism, 4, 2);
        using var backend = CreateBackend(range, MaxParallelism, Time);
        var state = backend.GetValueState(CountDescriptor);
        var key = FirstKeyIn(range);
        backend.SetCurrentKey(key);
        state.Update(1);

        var snapshot = backend.Snapshot();

        Assert.Equal(range, snapshot.Range);
        Assert.Equal(range.Count + 1, snapshot.Offsets.Length);
        Assert.Equal(snapshot.Data.Length, snapshot.Offsets[^1]);
        var keyGroup = KeyGroupOf(key);
        var otherGroup = keyGroup == range.Start ? range.End : range.Start;
        Assert.True(snapshot.KeyGroupData(keyGroup).Length > snapshot.KeyGroupData(otherGroup).Length);
    }

    [Fact]
    public void Snapshot_LaterUpdates_DoNotChangeTakenSnapshot()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);
        backend.SetCurrentKey(1);
        state.Update(1);
        var snapshot = backend.Snapshot();
        var bytes = snapshot.Data.ToArray();

        state.Update(2);
        backend.SetCurrentKey(2);
        state.Update(3);

        Assert.Equal(bytes, snapshot.Data);
        using var restored = CreateBackend();
        restored.Restore([snapshot]);
        var restoredState = restored.GetValueState(CountDescriptor);
        restored.SetCurrentKey(1);
        Assert.Equal(1, restoredState.Value());
        restored.SetCurrentKey(2);
        Assert.False(restoredState.TryGet(out _));
    }

    [Fact]
    public void Restore_TwoSubtasksIntoOne_KeepsEveryKeyExactlyOnce()
    {
        var keys = Enumerable.Range(0, 500).Select(i => (long)i).ToArray();
        var snapshots = SnapshotsAtParallelism(2, keys);

        using var merged = CreateBackend(KeyGroups.RangeFor(MaxParallelism, 1, 0), MaxParallelism, Time);
        merged.Restore(snapshots);

        AssertFilled(merged, keys);
        Assert.Equal(keys, merged.GetKeys("count").Order());
    }

    [Fact]
    public void Restore_OneSubtaskIntoFour_KeepsEveryKeyExactlyOnce()
    {
        var keys = Enumerable.Range(0, 500).Select(i => (long)i).ToArray();
        var snapshots = SnapshotsAtParallelism(1, keys);

        var seen = new List<long>();
        for (var subtask = 0; subtask < 4; subtask++)
        {
            var range = KeyGroups.RangeFor(MaxParallelism, 4, subtask);
            using var backend = CreateBackend(range, MaxParallelism, Time);
            backend.Restore(snapshots);
            var owned = keys.Where(k => range.Contains(KeyGroupOf(k))).ToArray();

            AssertFilled(backend, owned);
            Assert.Equal(owned, backend.GetKeys("count").Order());
            Assert.Equal(owned, backend.GetKeys("events").Order());
            seen.AddRange(backend.GetKeys("count"));
        }

        Assert.Equal(keys, seen.Order());
    }

    [Fact]
    public void Restore_UndeclaredState_IsCarriedIntoNextSnapshot()
    {
        var keys = new long[] { 1, 2, 3 };
        var snapshots = SnapshotsAtParallelism(1, keys);

        using var middle = CreateBackend();
        middle.Restore(snapshots);
        middle.GetValueState(CountDescriptor); // only one state declared
        var carried = middle.Snapshot();

        using var last = CreateBackend();
        last.Restore([carried]);
        AssertFilled(last, keys);
    }

    [Fact]
    public void Restore_AfterDeclaring_AppliesImmediately()
    {
        var snapshots = SnapshotsAtParallelism(1, [7]);
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);

        backend.Restore(snapshots);

        backend.SetCurrentKey(7);
        Assert.Equal(7, state.Value());
    }

    [Fact]
    public void Restore_StateDeclaredAsOtherKind_ThrowsNamingState()
    {
        var snapshots = SnapshotsAtParallelism(1, [1]);
        using var backend = CreateBackend();
        backend.Restore(snapshots);

        var ex = Assert.Throws<StateException>(() => backend.GetListState(new ListStateDescriptor<long>("count", Serializers.Int64)));

        Assert.Contains("'count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_StateDeclaredWithOtherSerializerVersion_ThrowsNamingState()
    {
        var snapshots = SnapshotsAtParallelism(1, [1]);
        using var backend = CreateBackend();
        backend.Restore(snapshots);

        var ex = Assert.Throws<StateException>(() => backend.GetValueState(new ValueStateDescriptor<long>("count", new VersionedInt64Serializer(2))));

        Assert.Contains("'count'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_CorruptStatePayload_ThrowsStateException()
    {
        using var source = CreateBackend();
        var state = source.GetValueState(new ValueStateDescriptor<string>("s", Serializers.String));
        source.SetCurrentKey(1);
        state.Update("hello");
        var snapshot = source.Snapshot();
        var keyGroup = KeyGroupOf(1);
        var data = snapshot.Data.ToArray();
        var end = snapshot.Offsets[keyGroup + 1];
        // The key group's section ends with the string value, then the (empty) timer count: corrupt the string's length.
        data[end - 4 - 6] = 0x7F;
        var corrupt = new KeyGroupsSnapshot(snapshot.Range, data, snapshot.Offsets);

        using var backend = CreateBackend();
        Assert.ThrowsAny<StateException>(() =>
        {
            backend.Restore([corrupt]);
            backend.GetValueState(new ValueStateDescriptor<string>("s", Serializers.String));
        });
    }

    [Fact]
    public void Restore_GarbageData_ThrowsStateException()
    {
        var random = new Random(42);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var snapshot = SnapshotsAtParallelism(1, [1, 2, 3, 4, 5])[0];
            var data = snapshot.Data.ToArray();
            var position = random.Next(snapshot.Offsets[0], data.Length);
            data[position] ^= (byte)random.Next(1, 256);
            var corrupt = new KeyGroupsSnapshot(snapshot.Range, data, snapshot.Offsets);

            using var backend = CreateBackend();
            try
            {
                backend.Restore([corrupt]);
                DeclareAll(backend);
            }
            catch (StateException)
            {
                // expected for most flips; a flip inside a value may also decode to another valid value
            }
        }
    }

    [Fact]
    public void Restore_BadMagic_ThrowsStateException()
    {
        var snapshot = SnapshotsAtParallelism(1, [1])[0];
        var data = snapshot.Data.ToArray();
        data[0] ^= 0xFF;

        using var backend = CreateBackend();
        Assert.Throws<StateException>(() => backend.Restore([new KeyGroupsSnapshot(snapshot.Range, data, snapshot.Offsets)]));
    }

    protected List<KeyGroupsSnapshot> SnapshotsAtParallelism(int parallelism, IEnumerable<long> keys)
    {
        var keyArray = keys.ToArray();
        var snapshots = new List<KeyGroupsSnapshot>();
        for (var subtask = 0; subtask < parallelism; subtask++)
        {
            var range = KeyGroups.RangeFor(MaxParallelism, parallelism, subtask);
            using var backend = CreateBackend(range, MaxParallelism, Time);
            Fill(backend, keyArray.Where(k => range.Contains(KeyGroupOf(k))));
            snapshots.Add(backend.Snapshot());
        }

        return snapshots;
    }

    /// <summary>Declares all five states (value, list, map, reducing, aggregating) and a timer queue.</summary>
    protected static void DeclareAll(IKeyedStateBackend<long> backend)
    {
        backend.GetValueState(CountDescriptor);
        backend.GetListState(EventsDescriptor);
        backend.GetMapState(TagsDescriptor, Serializers.Int32);
        backend.GetReducingState(SumDescriptor);
        backend.GetAggregatingState(AverageDescriptor(), Serializers.String);
        backend.GetTimerQueue("timers", Serializers.Int32);
    }

    /// <summary>Gives every key a value in each kind of state (derived from the key) and two timers.</summary>
    protected static void Fill(IKeyedStateBackend<long> backend, IEnumerable<long> keys)
    {
        var count = backend.GetValueState(CountDescriptor);
        var events = backend.GetListState(EventsDescriptor);
        var tags = backend.GetMapState(TagsDescriptor, Serializers.Int32);
        var sum = backend.GetReducingState(SumDescriptor);
        var avg = backend.GetAggregatingState(AverageDescriptor(), Serializers.String);
        var timers = backend.GetTimerQueue("timers", Serializers.Int32);
        foreach (var key in keys)
        {
            backend.SetCurrentKey(key);
            count.Update(key);
            events.AddAll([$"e{key}", $"f{key}"]);
            tags.SetCurrentNamespace((int)(key % 3));
            tags.Put("k", key);
            tags.Put("double", key * 2);
            sum.Add(key);
            sum.Add(1);
            avg.SetCurrentNamespace("w");
            avg.Add(key);
            avg.Add(key + 2);
            timers.Add(key, 0, 1000 + key);
            timers.Add(key, 1, 1000 + key);
        }
    }

    protected static void AssertFilled(IKeyedStateBackend<long> backend, IEnumerable<long> keys)
    {
        var count = backend.GetValueState(CountDescriptor);
        var events = backend.GetListState(EventsDescriptor);
        var tags = backend.GetMapState(TagsDescriptor, Serializers.Int32);
        var sum = backend.GetReducingState(SumDescriptor);
        var avg = backend.GetAggregatingState(AverageDescriptor(), Serializers.String);
        var timers = backend.GetTimerQueue("timers", Serializers.Int32);
        var expectedTimers = new List<(long, int, long)>();
        foreach (var key in keys)
        {
            backend.SetCurrentKey(key);
            Assert.True(count.TryGet(out var c));
            Assert.Equal(key, c);
            Assert.Equal([$"e{key}", $"f{key}"], events.Get());
            tags.SetCurrentNamespace((int)(key % 3));
            Assert.Equal([("double", key * 2), ("k", key)], tags.Entries().Select(e => (e.Key, e.Value)).Order());
            tags.SetCurrentNamespace((int)((key + 1) % 3));
            Assert.True(tags.IsEmpty);
            Assert.Equal(key + 1, sum.Get());
            avg.SetCurrentNamespace("w");
            Assert.Equal(key + 1.0, avg.Get());
            expectedTimers.Add((key, 0, 1000 + key));
            expectedTimers.Add((key, 1, 1000 + key));
        }

        var actualTimers = new List<(long, int, long)>();
        while (timers.Count > 0)
        {
            var t = timers.Poll();
            actualTimers.Add((t.Key, t.Namespace, t.Timestamp));
        }

        Assert.Equal(expectedTimers.Order(), actualTimers.Order());
    }
}
