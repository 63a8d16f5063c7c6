using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Time-to-live (FLIP-25 semantics) with a manual clock.</content>
public abstract partial class StateBackendContractTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private static ValueStateDescriptor<long> TtlValue(TtlUpdateType update = TtlUpdateType.OnCreateAndWrite,
        TtlVisibility visibility = TtlVisibility.NeverReturnExpired) =>
        new("ttl-value", Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) { UpdateType = update, Visibility = visibility } };

    [Fact]
    public void Ttl_ValueOlderThanTtl_IsNotReturned()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(TtlValue());
        backend.SetCurrentKey(1);
        state.Update(42);

        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(42, state.Value());

        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(state.TryGet(out _));
        Assert.Equal(0, state.Value());
    }

    [Fact]
    public void Ttl_OnCreateAndWrite_ReadDoesNotExtendButWriteDoes()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(TtlValue());
        backend.SetCurrentKey(1);
        state.Update(1);

        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, state.Value());
        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.False(state.TryGet(out _));

        state.Update(2);
        Time.Advance(TimeSpan.FromSeconds(6));
        state.Update(3);
        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(3, state.Value());
    }

    [Fact]
    public void Ttl_OnReadAndWrite_ReadExtendsLifetime()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(TtlValue(TtlUpdateType.OnReadAndWrite));
        backend.SetCurrentKey(1);
        state.Update(1);

        for (var i = 0; i < 5; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(6));
            Assert.Equal(1, state.Value());
        }

        Time.Advance(Ttl);
        Assert.False(state.TryGet(out _));
    }

    [Fact]
    public void Ttl_ReturnExpiredIfNotCleanedUp_ReturnsExpiredOnceThenItIsGone()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(TtlValue(visibility: TtlVisibility.ReturnExpiredIfNotCleanedUp));
        backend.SetCurrentKey(1);
        state.Update(7);
        Time.Advance(Ttl);

        Assert.True(state.TryGet(out var expired));
        Assert.Equal(7, expired);
        Assert.False(state.TryGet(out _));
    }

    [Fact]
    public void Ttl_ReducingState_ExpiredValueIsNotFoldedIntoNewOne()
    {
        using var backend = CreateBackend();
        var state = backend.GetReducingState(
            new ReducingStateDescriptor<long>("sum", (a, b) => a + b, Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) });
        backend.SetCurrentKey(1);
        state.Add(5);
        state.Add(5);
        Time.Advance(Ttl);

        state.Add(1);

        Assert.Equal(1, state.Get());
    }

    [Fact]
    public void Ttl_ListState_ElementsExpireIndividually()
    {
        using var backend = CreateBackend();
        var state = backend.GetListState(new ListStateDescriptor<long>("list", Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) });
        backend.SetCurrentKey(1);
        state.Add(1);
        Time.Advance(TimeSpan.FromSeconds(6));
        state.AddAll([2, 3]);

        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal([2L, 3L], state.Get());

        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Empty(state.Get());
        Assert.Empty(backend.GetKeys("list"));
    }

    [Fact]
    public void Ttl_MapState_EntriesExpireIndividually()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(
            new MapStateDescriptor<string, long>("map", Serializers.String, Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) });
        backend.SetCurrentKey(1);
        state.Put("old", 1);
        Time.Advance(TimeSpan.FromSeconds(6));
        state.Put("new", 2);
        Time.Advance(TimeSpan.FromSeconds(6));

        Assert.False(state.Contains("old"));
        Assert.True(state.TryGet("new", out var value));
        Assert.Equal(2, value);
        Assert.Equal(["new"], state.Keys());
        Assert.False(state.IsEmpty);

        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.True(state.IsEmpty);
        Assert.Empty(state.Entries());
    }

    [Fact]
    public void Ttl_MapState_OnReadAndWrite_EnumerationExtendsEntries()
    {
        using var backend = CreateBackend();
        var state = backend.GetMapState(new MapStateDescriptor<string, long>("map", Serializers.String, Serializers.Int64)
        {
            Ttl = new StateTtlConfig(Ttl) { UpdateType = TtlUpdateType.OnReadAndWrite },
        });
        backend.SetCurrentKey(1);
        state.Put("a", 1);

        Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Single(state.Entries());
        Time.Advance(TimeSpan.FromSeconds(6));

        Assert.True(state.Contains("a"));
    }

    [Fact]
    public void Ttl_ExpiredEntries_AreLeftOutOfSnapshots()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(TtlValue());
        var list = backend.GetListState(new ListStateDescriptor<long>("list", Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) });
        for (long key = 0; key < 100; key++)
        {
            backend.SetCurrentKey(key);
            state.Update(key);
            list.AddAll([key, key]);
        }

        var full = backend.Snapshot();
        Time.Advance(TimeSpan.FromSeconds(6));
        for (long key = 0; key < 10; key++)
        {
            backend.SetCurrentKey(key);
            state.Update(key);
            list.Add(-key);
        }

        Time.Advance(TimeSpan.FromSeconds(6));
        var pruned = backend.Snapshot();

        Assert.True(pruned.Data.Length < full.Data.Length / 2, $"{pruned.Data.Length} vs {full.Data.Length}");
        // Restore with the clock turned back: only what the snapshot holds can come back.
        var earlier = new ManualTimeProvider(Time.GetUtcNow() - TimeSpan.FromSeconds(12));
        using var restored = CreateBackend(FullRange, MaxParallelism, earlier);
        restored.Restore([pruned]);
        var restoredState = restored.GetValueState(TtlValue());
        var restoredList = restored.GetListState(new ListStateDescriptor<long>("list", Serializers.Int64) { Ttl = new StateTtlConfig(Ttl) });
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), restored.GetKeys("ttl-value").Order());
        restored.SetCurrentKey(3);
        Assert.Equal(3, restoredState.Value());
        Assert.Equal([-3L], restoredList.Get());
    }

    [Fact]
    public void Ttl_TimestampsSurviveRestore()
    {
        KeyGroupsSnapshot snapshot;
        using (var source = CreateBackend())
        {
            var state = source.GetValueState(TtlValue());
            source.SetCurrentKey(1);
            state.Update(1);
            Time.Advance(TimeSpan.FromSeconds(6));
            source.SetCurrentKey(2);
            state.Update(2);
            snapshot = source.Snapshot();
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);
        var restoredState = restored.GetValueState(TtlValue());
        Time.Advance(TimeSpan.FromSeconds(6));

        restored.SetCurrentKey(1);
        Assert.False(restoredState.TryGet(out _));
        restored.SetCurrentKey(2);
        Assert.Equal(2, restoredState.Value());
    }
}
