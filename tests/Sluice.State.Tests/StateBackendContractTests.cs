using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <summary>
/// The conformance kit every keyed state backend passes: state semantics of every kind, namespaces and merging, key
/// isolation, snapshot/restore (also across parallelism), timers and TTL. A backend supplies only
/// <see cref="CreateBackend(KeyGroupRange, int, TimeProvider)"/>.
/// </summary>
public abstract partial class StateBackendContractTests
{
    protected const int MaxParallelism = 128;

    protected static readonly ValueStateDescriptor<long> CountDescriptor = new("count", Serializers.Int64);

    protected ManualTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    protected static KeyGroupRange FullRange => new(0, MaxParallelism - 1);

    /// <summary>Creates an empty backend with long keys (Int64 serializer and hasher).</summary>
    protected abstract IKeyedStateBackend<long> CreateBackend(KeyGroupRange range, int maxParallelism, TimeProvider time);

    protected IKeyedStateBackend<long> CreateBackend() => CreateBackend(FullRange, MaxParallelism, Time);

    protected static int KeyGroupOf(long key, int maxParallelism = MaxParallelism) =>
        KeyGroups.Assign(KeyHashers.Int64.GetStableHash(key), maxParallelism);

    protected static long FirstKeyIn(KeyGroupRange range, long from = 0)
    {
        for (var key = from; ; key++)
        {
            if (range.Contains(KeyGroupOf(key)))
            {
                return key;
            }
        }
    }

    protected static long FirstKeyOutside(KeyGroupRange range)
    {
        for (long key = 0; ; key++)
        {
            if (!range.Contains(KeyGroupOf(key)))
            {
                return key;
            }
        }
    }

    [Fact]
    public void ValueState_NothingStored_ReturnsDefaultAndTryGetFalse()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);
        backend.SetCurrentKey(1);

        Assert.Equal(0, state.Value());
        Assert.False(state.TryGet(out _));
    }

    [Fact]
    public void ValueState_Update_VisibleOnlyForThatKey()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);
        backend.SetCurrentKey(1);
        state.Update(10);
        backend.SetCurrentKey(2);
        state.Update(20);

        backend.SetCurrentKey(1);
        Assert.True(state.TryGet(out var one));
        Assert.Equal(10, one);
        backend.SetCurrentKey(2);
        Assert.Equal(20, state.Value());
        backend.SetCurrentKey(3);
        Assert.False(state.TryGet(out _));
    }

    [Fact]
    public void ValueState_Clear_RemovesOnlyCurrentKey()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);
        backend.SetCurrentKey(1);
        state.Update(10);
        backend.SetCurrentKey(2);
        state.Update(20);

        state.Clear();

        Assert.False(state.TryGet(out _));
        backend.SetCurrentKey(1);
        Assert.Equal(10, state.Value());
    }

    [Fact]
    public void ValueState_UpdateWithNull_ClearsValue()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(new ValueStateDescriptor<string>("name", Serializers.String));
        backend.SetCurrentKey(1);
        state.Update("a");

        state.Update(null!);

        Assert.False(state.TryGet(out _));
        Assert.Null(state.Value());
    }

    [Fact]
    public void ValueState_NoCurrentKey_Throws()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor);

        Assert.Throws<InvalidOperationException>(() => state.Value());
        Assert.Throws<InvalidOperationException>(() => backend.CurrentKey);
        Assert.Equal(-1, backend.CurrentKeyGroup);
    }

    [Fact]
    public void ListState_AddAndAddAll_KeepInsertionOrderPerKey()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<string>("list", Serializers.String));
        backend.SetCurrentKey(1);
        state.Add("a");
        state.AddAll(["b", "c"]);
        backend.SetCurrentKey(2);
        state.Add("x");

        backend.SetCurrentKey(1);
        Assert.Equal(["a", "b", "c"], state.Get());
        backend.SetCurrentKey(2);
        Assert.Equal(["x"], state.Get());
        backend.SetCurrentKey(3);
        Assert.Empty(state.Get());
    }

    [Fact]
    public void ListState_Update_ReplacesAndEmptyClears()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<long>("list", Serializers.Int64));
        backend.SetCurrentKey(1);
        state.AddAll([1, 2, 3]);

        state.Update([9]);
        Assert.Equal([9L], state.Get());

        state.Update([]);
        Assert.Empty(state.Get());
        Assert.Empty(backend.GetKeys("list"));
    }

    [Fact]
    public void ListState_Get_ReturnsCopyNotAffectedByLaterAdds()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<long>("list", Serializers.Int64));
        backend.SetCurrentKey(1);
        state.Add(1);

        var before = state.Get();
        state.Add(2);

        Assert.Equal([1L], before);
        Assert.Equal([1L, 2L], state.Get());
    }

    [Fact]
    public void ListState_AddNull_Throws()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<string>("list", Serializers.String));
        backend.SetCurrentKey(1);

        Assert.Throws<ArgumentNullException>(() => state.Add(null!));
    }

    [Fact]
    public void MapState_PutGetRemoveContains_ActOnCurrentKey()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(new MapStateDescriptor<string, long>("map", Serializers.String, Serializers.Int64));
        backend.SetCurrentKey(1);
        state.Put("a", 1);
        state.Put("b", 2);
        state.Put("a", 3);
        backend.SetCurrentKey(2);
        state.Put("a", 100);

        backend.SetCurrentKey(1);
        Assert.True(state.TryGet("a", out var a));
        Assert.Equal(3, a);
        Assert.True(state.Contains("b"));
        Assert.False(state.Contains("c"));
        Assert.True(state.Remove("b"));
        Assert.False(state.Remove("b"));
        Assert.False(state.Contains("b"));
        backend.SetCurrentKey(2);
        Assert.True(state.TryGet("a", out var other));
        Assert.Equal(100, other);
    }

    [Fact]
    public void MapState_EntriesKeysValues_ReflectContents()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(new MapStateDescriptor<string, long>("map", Serializers.String, Serializers.Int64));
        backend.SetCurrentKey(1);
        state.PutAll([new("a", 1), new("b", 2)]);

        Assert.Equal([("a", 1L), ("b", 2L)], state.Entries().Select(e => (e.Key, e.Value)).Order());
        Assert.Equal(["a", "b"], state.Keys().Order());
        Assert.Equal([1L, 2L], state.Values().Order());
    }

    [Fact]
    public void MapState_RemoveLastEntry_IsEmptyAndKeyGone()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(new MapStateDescriptor<string, long>("map", Serializers.String, Serializers.Int64));
        backend.SetCurrentKey(1);
        Assert.True(state.IsEmpty);
        state.Put("a", 1);
        Assert.False(state.IsEmpty);

        state.Remove("a");

        Assert.True(state.IsEmpty);
        Assert.Empty(backend.GetKeys("map"));
    }

    [Fact]
    public void MapState_RemoveWhileEnumerating_RemovesEntries()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(new MapStateDescriptor<long, long>("map", Serializers.Int64, Serializers.Int64));
        backend.SetCurrentKey(1);
        for (var i = 0; i < 10; i++)
        {
            state.Put(i, i);
        }

        foreach (var entry in state.Entries())
        {
            if (entry.Key % 2 == 0)
            {
                state.Remove(entry.Key);
            }
        }

        Assert.Equal([1L, 3L, 5L, 7L, 9L], state.Keys().Order());
    }

    [Fact]
    public void ReducingState_Add_FoldsStoredValueWithNewOne()
    {
        using var backend = CreateBackend();
        var state = backend.GetReducingState(new ReducingStateDescriptor<string>("concat", (a, b) => a + b, Serializers.String));
        backend.SetCurrentKey(1);
        Assert.Null(state.Get());

        state.Add("a");
        state.Add("b");
        state.Add("c");

        Assert.Equal("abc", state.Get());
        state.Clear();
        Assert.Null(state.Get());
    }

    [Fact]
    public void AggregatingState_Add_AccumulatesAndReturnsResult()
    {
        using var backend = CreateBackend();
        var state = backend.GetAggregatingState(AverageDescriptor());
        backend.SetCurrentKey(1);
        Assert.Equal(0, state.Get());

        state.Add(1);
        state.Add(2);
        state.Add(6);
        backend.SetCurrentKey(2);
        state.Add(10);

        backend.SetCurrentKey(1);
        Assert.Equal(3.0, state.Get());
        backend.SetCurrentKey(2);
        Assert.Equal(10.0, state.Get());
    }

    [Fact]
    public void NamespacedValueState_DifferentNamespaces_AreIsolated()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor, Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(100);
        state.Update(1);
        state.SetCurrentNamespace(200);
        state.Update(2);

        state.SetCurrentNamespace(100);
        Assert.Equal(1, state.Value());
        state.Clear();
        Assert.False(state.TryGet(out _));
        state.SetCurrentNamespace(200);
        Assert.Equal(2, state.Value());
    }

    [Fact]
    public void NamespacedReducingState_MergeNamespaces_FoldsSourcesIntoTargetAndClearsThem()
    {
        using var backend = CreateBackend();
        var state = backend.GetReducingState(new ReducingStateDescriptor<string>("r", (a, b) => a + b, Serializers.String), Serializers.Int64);
        backend.SetCurrentKey(1);
        foreach (var (ns, value) in new[] { (1L, "t"), (2L, "a"), (3L, "b") })
        {
            state.SetCurrentNamespace(ns);
            state.Add(value);
        }

        state.SetCurrentNamespace(3);
        state.MergeNamespaces(1, [2, 3, 4, 1]);

        state.SetCurrentNamespace(1);
        Assert.Equal("tab", state.Get());
        state.SetCurrentNamespace(2);
        Assert.Null(state.Get());
        state.SetCurrentNamespace(3);
        Assert.Null(state.Get());
    }

    [Fact]
    public void NamespacedReducingState_MergeIntoEmptyTarget_CreatesTarget()
    {
        using var backend = CreateBackend();
        var state = backend.GetReducingState(new ReducingStateDescriptor<long>("r", (a, b) => a + b, Serializers.Int64), Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(2);
        state.Add(5);
        state.SetCurrentNamespace(3);
        state.Add(7);

        state.MergeNamespaces(9, [2, 3]);

        state.SetCurrentNamespace(9);
        Assert.Equal(12, state.Get());
    }

    [Fact]
    public void NamespacedAggregatingState_MergeNamespaces_MergesAccumulators()
    {
        using var backend = CreateBackend();
        var state = backend.GetAggregatingState(AverageDescriptor(), Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(1);
        state.Add(1);
        state.SetCurrentNamespace(2);
        state.Add(2);
        state.Add(3);
        state.SetCurrentNamespace(3);
        state.Add(10);

        state.MergeNamespaces(1, [2, 3]);

        state.SetCurrentNamespace(1);
        Assert.Equal(4.0, state.Get());
        state.SetCurrentNamespace(2);
        Assert.Equal(0, state.Get());
    }

    [Fact]
    public void NamespacedListState_MergeNamespaces_AppendsSourcesInOrder()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<string>("l", Serializers.String), Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(1);
        state.Add("t");
        state.SetCurrentNamespace(2);
        state.AddAll(["a", "b"]);
        state.SetCurrentNamespace(3);
        state.Add("c");
        backend.SetCurrentKey(2);
        state.SetCurrentNamespace(2);
        state.Add("other key");

        backend.SetCurrentKey(1);
        state.MergeNamespaces(1, [2, 3]);

        state.SetCurrentNamespace(1);
        Assert.Equal(["t", "a", "b", "c"], state.Get());
        state.SetCurrentNamespace(2);
        Assert.Empty(state.Get());
        backend.SetCurrentKey(2);
        Assert.Equal(["other key"], state.Get());
    }

    [Fact]
    public void GetState_SameNameTwice_ReturnsSameHandle()
    {
        using var backend = CreateBackend();

        var first = backend.GetValueState(CountDescriptor);
        var second = backend.GetValueState(new ValueStateDescriptor<long>("count", Serializers.Int64));

        Assert.Same(first, second);
    }

    [Fact]
    public void GetState_SameNameOtherKind_ThrowsStateException()
    {
        using var backend = CreateBackend();
        backend.GetValueState(CountDescriptor);

        var ex = Assert.Throws<StateException>(() => backend.GetListState(new ListStateDescriptor<long>("count", Serializers.Int64)));
        Assert.Contains("count", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetState_SameNameOtherSerializerOrType_ThrowsStateException()
    {
        using var backend = CreateBackend();
        backend.GetValueState(CountDescriptor);

        Assert.Throws<StateException>(() => backend.GetValueState(new ValueStateDescriptor<long>("count", new VersionedInt64Serializer(1))));
        Assert.Throws<StateException>(() => backend.GetValueState(new ValueStateDescriptor<int>("count", Serializers.Int32)));
        Assert.Throws<StateException>(() => backend.GetValueState(CountDescriptor, Serializers.Int64));
        Assert.Throws<StateException>(() => backend.GetValueState(
            new ValueStateDescriptor<long>("count", Serializers.Int64) { Ttl = new StateTtlConfig(TimeSpan.FromSeconds(1)) }));
    }

    [Fact]
    public void SetCurrentKey_KeyGroupOutsideRange_ThrowsNamingKeyGroupAndRange()
    {
        var range = KeyGroups.RangeFor(MaxParallelism, 2, 0);
        using var backend = CreateBackend(range, MaxParallelism, Time);
        var key = FirstKeyOutside(range);

        var ex = Assert.Throws<StateException>(() => backend.SetCurrentKey(key));

        Assert.Contains($"Key group {KeyGroupOf(key)}", ex.Message, StringComparison.Ordinal);
        Assert.Contains(range.ToString(), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SetCurrentKey_KeyInRange_SetsKeyAndKeyGroup()
    {
        var range = KeyGroups.RangeFor(MaxParallelism, 2, 1);
        using var backend = CreateBackend(range, MaxParallelism, Time);
        var key = FirstKeyIn(range);

        backend.SetCurrentKey(key);

        Assert.Equal(key, backend.CurrentKey);
        Assert.Equal(KeyGroupOf(key), backend.CurrentKeyGroup);
        Assert.Equal(range, backend.KeyGroupRange);
        Assert.Equal(MaxParallelism, backend.MaxParallelism);
    }

    [Fact]
    public void GetKeys_ReturnsDistinctKeysWithState()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(CountDescriptor, Serializers.Int64);
        foreach (var key in new long[] { 5, 6, 7 })
        {
            backend.SetCurrentKey(key);
            state.SetCurrentNamespace(1);
            state.Update(key);
            state.SetCurrentNamespace(2);
            state.Update(key);
        }

        Assert.Equal([5L, 6L, 7L], backend.GetKeys("count").Order());
        Assert.Empty(backend.GetKeys("unknown"));
    }

    protected static AggregatingStateDescriptor<long, (long Sum, long Count), double> AverageDescriptor() =>
        new("avg", new AverageAggregate(), Serializers.Tuple(Serializers.Int64, Serializers.Int64));
}
