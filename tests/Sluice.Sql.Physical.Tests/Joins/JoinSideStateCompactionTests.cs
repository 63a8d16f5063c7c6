using System.Text;
using Sluice.Core.Keys;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.State.Heap;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// A join side whose keys all keep growing leaves the blocks they outgrew on its arena's free lists (no new key takes
/// them); compacting moves every key's rows into new pages, keeps them as they were, and leaves nothing free.
/// </summary>
public sealed class JoinSideStateCompactionTests
{
    private static RowKey Key(int key) => new(BitConverter.GetBytes(key));

    private static byte[] Row(int key, int i) => Encoding.UTF8.GetBytes($"key {key} row {i} " + new string('r', 40));

    private static List<string> Rows(JoinSideState side, HeapKeyedStateBackend<RowKey> backend, int key)
    {
        backend.SetCurrentKey(Key(key));
        var rows = side.Load(0);
        var result = new List<string>();
        for (var entry = rows.Offset; entry < rows.End; entry = side.Layout.Next(rows.Buffer!, entry))
        {
            result.Add($"{Encoding.UTF8.GetString(side.Layout.Row(rows.Buffer!, entry))} x{JoinRowsLayout.Count(rows.Buffer!, entry)}"
                + $" m{side.Layout.Matches(rows.Buffer!, entry)}");
        }

        return result;
    }

    [Fact]
    public void KeysGrowingTogether_AfterCompaction_KeepTheirRows_AndNothingIsLeftFree()
    {
        using var backend = new HeapKeyedStateBackend<RowKey>(new KeyGroupRange(0, KeyGroups.DefaultMaxParallelism - 1),
            KeyGroups.DefaultMaxParallelism, RowKeySerializer.Instance, RowKeyHasher.Instance, TimeProvider.System);
        var side = new JoinSideState("rows", "legacy-rows", outer: true, ttl: null);
        side.Open(backend, TimeProvider.System);
        for (var i = 0; i < 60; i++)
        {
            for (var key = 0; key < 50; key++)
            {
                backend.SetCurrentKey(Key(key));
                side.Add(Row(key, i), matches: i % 3, now: 0);
            }
        }

        var before = Enumerable.Range(0, 50).Select(key => Rows(side, backend, key)).ToList();
        var arena = side.Layout.Arena;
        Assert.True(arena.FreeBytes > arena.InUseBytes / 2, $"{arena.FreeBytes} free, {arena.InUseBytes} in use");
        Assert.False(side.CompactIfWasteful());

        side.Compact();

        Assert.Equal(0, arena.FreeBytes);
        Assert.Equal(before, Enumerable.Range(0, 50).Select(key => Rows(side, backend, key)));
        Assert.All(before, rows => Assert.Equal(60, rows.Count));
        Assert.Equal("key 7 row 59 " + new string('r', 40) + " x1 m2", before[7][59]);

        // The compacted rows go on growing, shrinking and being snapshotted like any others.
        backend.SetCurrentKey(Key(3));
        Assert.True(side.Retract(Row(3, 0), now: 0));
        side.Add(Row(3, 60), matches: 0, now: 0);
        var snapshot = backend.Snapshot();
        using var restoredBackend = new HeapKeyedStateBackend<RowKey>(new KeyGroupRange(0, KeyGroups.DefaultMaxParallelism - 1),
            KeyGroups.DefaultMaxParallelism, RowKeySerializer.Instance, RowKeyHasher.Instance, TimeProvider.System);
        restoredBackend.Restore([snapshot]);
        var restored = new JoinSideState("rows", "legacy-rows", outer: true, ttl: null);
        restored.Open(restoredBackend, TimeProvider.System);
        var expected = before[3].Skip(1).Append("key 3 row 60 " + new string('r', 40) + " x1 m0").ToList();
        Assert.Equal(expected, Rows(restored, restoredBackend, 3));
        Assert.Equal(before[4], Rows(restored, restoredBackend, 4));
    }
}
