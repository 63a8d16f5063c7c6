using System.Runtime.CompilerServices;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;
using Xunit;

namespace Sluice.State.Tests;

/// <content>Value state changed in place through a reference to its slot (<see cref="IValueStateReference{T}"/>).</content>
public abstract partial class StateBackendContractTests
{
    private static readonly ValueStateDescriptor<long> ReferencedValue = new("referenced-value", Serializers.Int64);

    private static IValueStateReference<long> References(IValueState<long> state) =>
        state as IValueStateReference<long> ?? throw new InvalidOperationException("The backend's value state has no references.");

    [Fact]
    public void ValueReference_ChangesInPlace_AreWhatReadsAndASnapshotSee()
    {
        KeyGroupsSnapshot snapshot;
        using (var backend = CreateBackend())
        {
            var state = References(backend.GetValueState(ReferencedValue));
            for (var round = 1; round <= 3; round++)
            {
                for (long key = 0; key < 50; key++)
                {
                    backend.SetCurrentKey(key);
                    ref var value = ref state.GetValueRefOrAddDefault(out var exists);
                    Assert.Equal(round > 1, exists);
                    value += key * round;
                }
            }

            backend.SetCurrentKey(7);
            Assert.Equal(7 * 6, state.Value());
            snapshot = backend.Snapshot();
        }

        using var restored = CreateBackend();
        restored.Restore([snapshot]);
        var restoredState = References(restored.GetValueState(ReferencedValue));
        for (long key = 0; key < 50; key++)
        {
            restored.SetCurrentKey(key);
            ref var value = ref restoredState.GetValueRefOrNullRef();
            Assert.False(Unsafe.IsNullRef(ref value));
            Assert.Equal(key * 6, value);
        }
    }

    [Fact]
    public void ValueReference_MissingKey_IsANullReferenceAndAddsNothing()
    {
        using var backend = CreateBackend();
        var state = References(backend.GetValueState(ReferencedValue));
        backend.SetCurrentKey(3);
        Assert.True(Unsafe.IsNullRef(ref state.GetValueRefOrNullRef()));
        Assert.False(state.TryGet(out _));
        Assert.Empty(backend.GetKeys(ReferencedValue.Name));

        state.GetValueRefOrAddDefault(out _) = 5;
        state.Clear();
        Assert.True(Unsafe.IsNullRef(ref state.GetValueRefOrNullRef()));
        Assert.Empty(backend.GetKeys(ReferencedValue.Name));
    }

    [Fact]
    public void ValueReference_AfterAnUpdate_SeesTheUpdatedValue()
    {
        using var backend = CreateBackend();
        var state = References(backend.GetValueState(ReferencedValue));
        backend.SetCurrentKey(1);
        state.Update(10);
        state.GetValueRefOrNullRef() += 1;
        Assert.Equal(11, state.Value());
        state.Update(20);
        Assert.Equal(20, state.GetValueRefOrNullRef());
    }

    [Fact]
    public void ValueReference_WithTtl_AnExpiredValueIsGoneAndAddingCountsAsAWrite()
    {
        using var backend = CreateBackend();
        var state = References(backend.GetValueState(TtlValue()));
        backend.SetCurrentKey(1);
        state.GetValueRefOrAddDefault(out _) = 42;

        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(42, state.GetValueRefOrNullRef());
        // Taking a reference to add is a write: the value lives another full TTL from now.
        state.GetValueRefOrAddDefault(out var exists) += 1;
        Assert.True(exists);

        Time.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal(43, state.Value());
        Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(Unsafe.IsNullRef(ref state.GetValueRefOrNullRef()));

        state.Update(7);
        Time.Advance(Ttl);
        ref var added = ref state.GetValueRefOrAddDefault(out exists);
        Assert.False(exists);
        Assert.Equal(0, added);
    }
}
