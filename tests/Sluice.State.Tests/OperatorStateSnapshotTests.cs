using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.State.Operator;
using Xunit;

namespace Sluice.State.Tests;

public sealed class OperatorStateSnapshotTests
{
    private static OperatorStateSnapshot SubtaskSnapshot(string prefix, int items)
    {
        var store = new OperatorStateStore();
        var split = store.GetListState("split", Serializers.String);
        var union = store.GetUnionListState("union", Serializers.String);
        for (var i = 0; i < items; i++)
        {
            split.Add($"{prefix}{i}");
            union.Add($"{prefix}{i}");
        }

        return store.Snapshot();
    }

    private static string[] Items(OperatorStateSnapshot snapshot, string name, bool union = false)
    {
        var store = new OperatorStateStore(snapshot);
        var state = union ? store.GetUnionListState(name, Serializers.String) : store.GetListState(name, Serializers.String);
        return state.Get().ToArray();
    }

    [Fact]
    public void Redistribute_SplitEvenlyTwoToThree_DealsItemsRoundRobinInSubtaskOrder()
    {
        OperatorStateSnapshot[] previous = [SubtaskSnapshot("a", 3), SubtaskSnapshot("b", 2)];

        var results = Enumerable.Range(0, 3).Select(i => Items(OperatorStateSnapshot.Redistribute(previous, 3, i), "split")).ToArray();

        Assert.Equal(["a0", "b0"], results[0]);
        Assert.Equal(["a1", "b1"], results[1]);
        Assert.Equal(["a2"], results[2]);
    }

    [Fact]
    public void Redistribute_SplitEvenlyThreeToOne_ConcatenatesInSubtaskOrder()
    {
        OperatorStateSnapshot[] previous = [SubtaskSnapshot("a", 2), SubtaskSnapshot("b", 0), SubtaskSnapshot("c", 3)];

        var result = Items(OperatorStateSnapshot.Redistribute(previous, 1, 0), "split");

        Assert.Equal(["a0", "a1", "c0", "c1", "c2"], result);
    }

    [Fact]
    public void Redistribute_UnionTwoToThree_EverySubtaskGetsAllItems()
    {
        OperatorStateSnapshot[] previous = [SubtaskSnapshot("a", 3), SubtaskSnapshot("b", 2)];

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(["a0", "a1", "a2", "b0", "b1"], Items(OperatorStateSnapshot.Redistribute(previous, 3, i), "union", union: true));
        }
    }

    [Fact]
    public void Redistribute_UnionThreeToOne_GetsAllItems()
    {
        OperatorStateSnapshot[] previous = [SubtaskSnapshot("a", 1), SubtaskSnapshot("b", 1), SubtaskSnapshot("c", 1)];

        Assert.Equal(["a0", "b0", "c0"], Items(OperatorStateSnapshot.Redistribute(previous, 1, 0), "union", union: true));
    }

    [Fact]
    public void Redistribute_ModesDifferAcrossSubtasks_ThrowsStateException()
    {
        var a = new OperatorStateSnapshot([new OperatorStateEntry("s", OperatorStateMode.SplitEvenly, 1, [])]);
        var b = new OperatorStateSnapshot([new OperatorStateEntry("s", OperatorStateMode.Union, 1, [])]);

        Assert.Throws<StateException>(() => OperatorStateSnapshot.Redistribute([a, b], 2, 0));
    }

    [Fact]
    public void WriteRead_RoundTrip_PreservesStates()
    {
        var snapshot = SubtaskSnapshot("a", 4);
        using var writer = new BinaryBufferWriter();
        snapshot.Write(writer);

        var read = OperatorStateSnapshot.Read(new BinaryBufferReader(writer.ToArray()));

        Assert.Equal(["split", "union"], read.States.Select(s => s.Name));
        Assert.Equal(["a0", "a1", "a2", "a3"], Items(read, "split"));
        Assert.True(read.TryGetState("union", out var union));
        Assert.Equal(OperatorStateMode.Union, union.Mode);
    }

    [Fact]
    public void Read_CorruptOrTruncatedBytes_ThrowsStateException()
    {
        using var writer = new BinaryBufferWriter();
        SubtaskSnapshot("a", 4).Write(writer);
        var bytes = writer.ToArray();

        for (var i = 0; i < bytes.Length; i += 3)
        {
            var corrupt = bytes.ToArray();
            corrupt[i] ^= 0x21;
            Assert.ThrowsAny<StateException>(() => OperatorStateSnapshot.Read(new BinaryBufferReader(corrupt)));
        }

        Assert.ThrowsAny<StateException>(() => OperatorStateSnapshot.Read(new BinaryBufferReader(bytes.AsMemory(0, bytes.Length - 1))));
    }
}
