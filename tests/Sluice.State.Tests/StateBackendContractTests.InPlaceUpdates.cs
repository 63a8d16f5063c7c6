using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Value state used read-modify-write with a mutable object changed in place, as the SQL operators use it.</content>
public abstract partial class StateBackendContractTests
{
    private static readonly ValueStateDescriptor<List<long>> ListValueDescriptor = new("list-value", Serializers.ListOf(Serializers.Int64));

    [Fact]
    public void ValueState_ObjectChangedInPlaceAndStoredAgain_IsWhatASnapshotHolds()
    {
        KeyGroupsSnapshot snapshot;
        using (var backend = CreateBackend())
        {
            var state = backend.GetValueState(ListValueDescriptor, Serializers.Int64);
            for (var round = 0; round < 3; round++)
            {
                for (long key = 0; key < 20; key++)
                {
                    backend.SetCurrentKey(key);
                    state.SetCurrentNamespace(key % 2);
                    if (!state.TryGet(out var list))
                    {
                        list = [];
                    }

                    list.Add((key * 10) + round);
                    state.Update(list);
                }
            }

            snapshot = backend.Snapshot();
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);
        var restoredState = restored.GetValueState(ListValueDescriptor, Serializers.Int64);
        for (long key = 0; key < 20; key++)
        {
            restored.SetCurrentKey(key);
            restoredState.SetCurrentNamespace(key % 2);
            Assert.True(restoredState.TryGet(out var list));
            Assert.Equal([key * 10, (key * 10) + 1, (key * 10) + 2], list);
        }
    }

    [Fact]
    public void ValueState_TheObjectLastReadStoredAfterAClear_IsStoredAgain()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(ListValueDescriptor, Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(0);
        state.Update([1]);
        Assert.True(state.TryGet(out var list));

        state.Clear();
        Assert.False(state.TryGet(out _));
        state.Update(list);

        Assert.True(state.TryGet(out var again));
        Assert.Same(list, again);
    }

    [Fact]
    public void ValueState_TheObjectLastReadStoredUnderAnotherKeyOrNamespace_IsStoredThere()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(ListValueDescriptor, Serializers.Int64);
        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(0);
        state.Update([7]);
        Assert.True(state.TryGet(out var list));

        state.SetCurrentNamespace(5);
        state.Update(list);
        backend.SetCurrentKey(2);
        state.SetCurrentNamespace(0);
        state.Update(list);

        backend.SetCurrentKey(1);
        state.SetCurrentNamespace(5);
        Assert.True(state.TryGet(out var inOtherNamespace));
        Assert.Same(list, inOtherNamespace);
        backend.SetCurrentKey(2);
        state.SetCurrentNamespace(0);
        Assert.True(state.TryGet(out var underOtherKey));
        Assert.Same(list, underOtherKey);
    }

    [Fact]
    public void ValueState_TheObjectLastReadStoredAfterARestore_IsStoredAgain()
    {
        using var backend = CreateBackend();
        var state = backend.GetValueState(ListValueDescriptor, Serializers.Int64);
        backend.SetCurrentKey(3);
        state.SetCurrentNamespace(0);
        state.Update([1]);
        Assert.True(state.TryGet(out var list));
        var snapshot = backend.Snapshot();

        // Restoring replaces the entry with a deserialized copy; storing the old object must replace the copy.
        backend.Restore([snapshot]);
        list.Add(2);
        state.Update(list);

        Assert.True(state.TryGet(out var stored));
        Assert.Same(list, stored);
    }
}
