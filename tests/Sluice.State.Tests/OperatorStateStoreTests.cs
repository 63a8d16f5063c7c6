using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Operator;
using Xunit;

namespace Sluice.State.Tests;

public sealed class OperatorStateStoreTests
{
    [Fact]
    public void ListState_AddUpdateClear_BehaveAsList()
    {
        var store = new OperatorStateStore();
        var state = store.GetListState("offsets", Serializers.Int64);

        state.Add(1);
        state.AddAll([2, 3]);
        Assert.Equal([1L, 2L, 3L], state.Get());
        state.Update([9]);
        Assert.Equal([9L], state.Get());
        state.Clear();
        Assert.Empty(state.Get());
    }

    [Fact]
    public void Snapshot_RestoredStore_HasSameItems()
    {
        var store = new OperatorStateStore();
        store.GetListState("splits", Serializers.String).AddAll(["a", "b"]);
        store.GetUnionListState("watermarks", Serializers.Int64).Add(42);

        var restored = new OperatorStateStore(store.Snapshot());

        Assert.Equal(["a", "b"], restored.GetListState("splits", Serializers.String).Get());
        Assert.Equal([42L], restored.GetUnionListState("watermarks", Serializers.Int64).Get());
    }

    [Fact]
    public void Snapshot_UndeclaredRestoredState_IsCarriedOver()
    {
        var store = new OperatorStateStore();
        store.GetListState("splits", Serializers.String).AddAll(["a", "b"]);
        var middle = new OperatorStateStore(store.Snapshot());

        var carried = middle.Snapshot();

        Assert.Equal(["a", "b"], new OperatorStateStore(carried).GetListState("splits", Serializers.String).Get());
    }

    [Fact]
    public void GetState_SameNameTwice_SameHandleAndOtherModeThrows()
    {
        var store = new OperatorStateStore();
        var state = store.GetListState("s", Serializers.Int64);

        Assert.Same(state, store.GetListState("s", Serializers.Int64));
        Assert.Throws<StateException>(() => store.GetUnionListState("s", Serializers.Int64));
        Assert.Throws<StateException>(() => store.GetListState("s", Serializers.String));
    }

    [Fact]
    public void Restore_DeclaredWithOtherMode_ThrowsNamingState()
    {
        var store = new OperatorStateStore();
        store.GetListState("s", Serializers.Int64).Add(1);
        var restored = new OperatorStateStore(store.Snapshot());

        var ex = Assert.Throws<StateException>(() => restored.GetUnionListState("s", Serializers.Int64));
        Assert.Contains("'s'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ItemsThatDoNotDeserialize_ThrowStateException()
    {
        var snapshot = new OperatorStateSnapshot([new OperatorStateEntry("s", OperatorStateMode.SplitEvenly, 1, [[0xFF]])]);
        var store = new OperatorStateStore(snapshot);

        Assert.Throws<StateException>(() => store.GetListState("s", Serializers.Int64));
    }
}
