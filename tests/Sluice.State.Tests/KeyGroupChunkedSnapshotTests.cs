using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.State.Heap;
using Sluice.State.Internal;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.State.Tests;

/// <summary>
/// The heap backend's snapshot, written key group by key group and assembled into one exactly sized array: its key groups'
/// bytes are where the offsets say (so each restores on its own at another parallelism), empty key groups included,
/// states and timers alike; a snapshot taken again after a restore has the same bytes.
/// </summary>
public sealed class KeyGroupChunkedSnapshotTests
{
    private const int MaxParallelism = 16;

    private static HeapKeyedStateBackend<long> Backend(KeyGroupRange range) =>
        new(range, MaxParallelism, Serializers.Int64, KeyHashers.Int64, TimeProvider.System);

    private static (IValueState<string> Values, IListState<long> Lists, KeyGroupedTimerQueue<long, VoidNamespace> Timers) Declare(
        HeapKeyedStateBackend<long> backend) =>
        (backend.GetValueState(new ValueStateDescriptor<string>("values", Serializers.String)),
            backend.GetListState(new ListStateDescriptor<long>("lists", Serializers.Int64)),
            backend.GetTimerQueue("timers", VoidNamespace.Serializer));

    [Fact]
    public void KeyGroupBytes_AreWhereTheOffsetsSay_AndRestoreSplitAcrossSubtasks()
    {
        using var backend = Backend(new KeyGroupRange(0, MaxParallelism - 1));
        var (values, lists, timers) = Declare(backend);

        // Keys 0..199 (every key group gets some), with values of growing size so that key groups differ in length.
        for (long key = 0; key < 200; key++)
        {
            backend.SetCurrentKey(key);
            values.Update(new string('v', (int)key * 37 % 3000) + key);
            lists.Add(key);
            lists.Add(-key);
            timers.Add(key, VoidNamespace.Instance, 1000 + key);
        }

        var snapshot = backend.Snapshot();

        Assert.Equal(MaxParallelism + 1, snapshot.Offsets.Length);
        Assert.Equal(snapshot.Data.Length, snapshot.Offsets[^1]);
        var header = new BinaryBufferReader(snapshot.Data);
        Assert.Equal(KeyedSnapshotFormat.DataMagic, header.ReadInt32());
        Assert.Equal(KeyedSnapshotFormat.DataVersion, header.ReadByte());
        for (var keyGroup = 0; keyGroup < MaxParallelism; keyGroup++)
        {
            // Each key group's bytes start with its number.
            Assert.Equal((ulong)keyGroup, new BinaryBufferReader(snapshot.KeyGroupData(keyGroup)).ReadVarUInt64());
        }

        var restored = new List<(long Key, string Value, long[] List)>();
        var timersPolled = new List<long>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var part = Backend(KeyGroups.RangeFor(MaxParallelism, 3, subtask));
            part.Restore([snapshot]);
            var (partValues, partLists, partTimers) = Declare(part);
            foreach (var key in part.GetKeys("values"))
            {
                part.SetCurrentKey(key);
                restored.Add((key, partValues.Value()!, [.. partLists.Get()]));
            }

            while (partTimers.Count > 0)
            {
                timersPolled.Add(partTimers.Poll().Timestamp);
            }
        }

        Assert.Equal(Enumerable.Range(0, 200).Select(k => (long)k), restored.Select(r => r.Key).Order());
        Assert.All(restored, r => Assert.Equal(new string('v', (int)r.Key * 37 % 3000) + r.Key, r.Value));
        Assert.All(restored, r => Assert.Equal([r.Key, -r.Key], r.List));
        Assert.Equal(Enumerable.Range(0, 200).Select(k => 1000L + k), timersPolled.Order());
    }

    [Fact]
    public void ASnapshotOfARestoredBackend_HasTheSameBytes_EmptyKeyGroupsIncluded()
    {
        using var backend = Backend(new KeyGroupRange(0, MaxParallelism - 1));
        var (values, _, timers) = Declare(backend);
        foreach (var key in new long[] { 3, 5, 8 })
        {
            backend.SetCurrentKey(key);
            values.Update($"value {key}");
            timers.Add(key, VoidNamespace.Instance, key * 10);
        }

        var first = backend.Snapshot();
        using var again = Backend(new KeyGroupRange(0, MaxParallelism - 1));
        again.Restore([first]);
        Declare(again);
        var second = again.Snapshot();

        Assert.Equal(first.Data, second.Data);
        Assert.Equal(first.Offsets, second.Offsets);

        // Most key groups hold nothing; theirs are the shortest sections (number, no state, no timer queue).
        var lengths = Enumerable.Range(0, MaxParallelism).Select(kg => first.KeyGroupData(kg).Length).ToList();
        Assert.True(lengths.Count(l => l == lengths.Min()) >= MaxParallelism - 3);
    }
}
