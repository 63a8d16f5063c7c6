using System.Text;
using Sluice.Core.Serialization;
using Sluice.Sql.Physical.Operators.Joins;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The join side's arena: blocks in size classes cut from large pages, reused when freed, so that keys growing, shrinking
/// and going away leave no garbage; rows kept in its blocks read, change and serialize as rows in arrays of their own.
/// </summary>
public sealed class JoinRowsArenaTests
{
    private static byte[] Row(string text) => Encoding.UTF8.GetBytes(text);

    private static List<(string Row, int Count, long Matches)> Entries(JoinRowsLayout layout, JoinRows rows)
    {
        var result = new List<(string, int, long)>();
        for (var entry = rows.Offset; entry < rows.End; entry = layout.Next(rows.Buffer!, entry))
        {
            result.Add((Encoding.UTF8.GetString(layout.Row(rows.Buffer!, entry)), JoinRowsLayout.Count(rows.Buffer!, entry),
                layout.Matches(rows.Buffer!, entry)));
        }

        Assert.Equal(rows.Entries, result.Count);
        return result;
    }

    [Theory]
    [InlineData(1, 32)]
    [InlineData(32, 32)]
    [InlineData(33, 40)]
    [InlineData(64, 64)]
    [InlineData(65, 80)]
    [InlineData(100, 112)]
    [InlineData(1000, 1024)]
    [InlineData(1025, 1280)]
    [InlineData(JoinRowsArena.MaxBlockSize, JoinRowsArena.MaxBlockSize)]
    public void Blocks_AreTheSmallestClassThatFits_AtMostAFifthLarger(int size, int capacity)
    {
        var arena = new JoinRowsArena(pooled: true);

        var block = arena.Allocate(size);

        Assert.Equal(capacity, block.Capacity);
        Assert.Equal(capacity, arena.CapacityFor(size));
        Assert.True(block.Buffer.Length >= block.Offset + block.Capacity);
    }

    [Fact]
    public void SmallBlocks_ShareAPage_AndAFreedBlockIsTheNextOneHandedOut()
    {
        var arena = new JoinRowsArena(pooled: true);
        var first = arena.Allocate(100);
        var second = arena.Allocate(100);
        Assert.Same(first.Buffer, second.Buffer);
        Assert.NotEqual(first.Offset, second.Offset);
        Assert.Equal(JoinRowsArena.PageSize, arena.AllocatedBytes);

        arena.Free(first.Buffer, first.Offset, first.Capacity);
        Assert.Equal(first.Capacity, arena.FreeBytes);
        var third = arena.Allocate(97);

        Assert.Equal(first, third);
        Assert.Equal(0, arena.FreeBytes);
        Assert.Equal(JoinRowsArena.PageSize, arena.AllocatedBytes);
    }

    [Fact]
    public void Unpooled_HandsOutAnArrayPerBlock_AndForgetsFreedOnes()
    {
        var arena = new JoinRowsArena(pooled: false);
        var first = arena.Allocate(100);
        arena.Free(first.Buffer, first.Offset, first.Capacity);
        var second = arena.Allocate(100);

        Assert.Equal((0, 100, 100), (first.Offset, first.Capacity, first.Buffer.Length));
        Assert.NotSame(first.Buffer, second.Buffer);
        Assert.Equal(0, arena.AllocatedBytes);
    }

    [Fact]
    public void RowsLargerThanTheLargestBlock_GetAnArrayOfTheirOwn()
    {
        var arena = new JoinRowsArena(pooled: true);
        var block = arena.Allocate(JoinRowsArena.MaxBlockSize + 1);
        arena.Free(block.Buffer, block.Offset, block.Capacity);

        Assert.Equal(JoinRowsArena.MaxBlockSize + 1, block.Buffer.Length);
        Assert.Equal(0, arena.AllocatedBytes);
        Assert.Equal(0, arena.FreeBytes);
    }

    [Fact]
    public void KeysGrowingOneAfterAnother_ReuseTheBlocksTheEarlierKeysLeft_InsteadOfAllocatingMore()
    {
        // Like Nexmark's bids per auction: each key grows to its size while the next keys start; the blocks a key outgrows
        // serve the keys after it.
        var arena = new JoinRowsArena(pooled: true);
        var layout = new JoinRowsLayout(hasMatches: false, hasTimestamps: false, arena);
        var keys = new List<JoinRows>();
        var row = Row(new string('b', 80));
        for (var key = 0; key < 2000; key++)
        {
            var rows = default(JoinRows);
            for (var i = 0; i < 40; i++)
            {
                rows = layout.Append(rows, row, 1, 0, 0);
            }

            keys.Add(rows);
        }

        var held = keys.Sum(k => (long)k.Capacity);
        var used = keys.Sum(k => (long)k.Length);

        // Every key's growth left its smaller blocks on the free lists, and each later key took them again: what is
        // free is at most one chain of outgrown blocks (growing by half, less than three times the last one), and the
        // pages hold little more than the final blocks (each at most half again what it holds).
        Assert.True(arena.FreeBytes < 3L * keys[^1].Capacity, $"{arena.FreeBytes} bytes free");
        Assert.True(arena.AllocatedBytes < held + (JoinRowsArena.PageSize * 16L), $"{arena.AllocatedBytes} allocated for {held} held");
        Assert.True(held < used * 1.5, $"{held} held for {used} used");
        Assert.All(keys, k => Assert.Equal(40, Entries(layout, k).Count));
        Assert.All(keys, k => Assert.Equal(Encoding.UTF8.GetString(row), Entries(layout, k)[39].Row));
    }

    [Fact]
    public void RetractingEveryRow_GivesTheBlocksBack_AndTheNextKeysUseThem()
    {
        var arena = new JoinRowsArena(pooled: true);
        var layout = new JoinRowsLayout(hasMatches: true, hasTimestamps: false, arena);
        var rows = default(JoinRows);
        for (var i = 0; i < 200; i++)
        {
            rows = layout.Append(rows, Row($"row {i}"), 1, i, 0);
        }

        for (var i = 0; i < 199; i++)
        {
            rows = layout.RemoveAt(rows, layout.Find(rows, Row($"row {i}")));
        }

        Assert.Equal([("row 199", 1, 199L)], Entries(layout, rows));
        rows = layout.RemoveAt(rows, rows.Offset);
        Assert.True(rows.IsEmpty);
        Assert.Null(rows.Buffer);
        var allocated = arena.AllocatedBytes;
        Assert.Equal(0, arena.InUseBytes);

        var again = default(JoinRows);
        for (var i = 0; i < 200; i++)
        {
            again = layout.Append(again, Row($"row {i}"), 1, i, 0);
        }

        Assert.Equal(allocated, arena.AllocatedBytes);
        Assert.Equal(200, Entries(layout, again).Count);
    }

    [Fact]
    public void RowsInArenaBlocks_SerializeAsTheCurrentFormat_AndRestoreIntoEitherForm()
    {
        // A block in the middle of a page (another block of the class the two rows end in, 48 bytes, comes first): what
        // is written must be the block's entries only.
        var arena = new JoinRowsArena(pooled: true);
        arena.Allocate(48);
        var pooled = new JoinRowsLayout(hasMatches: true, hasTimestamps: false, arena);
        var rows = default(JoinRows);
        rows = pooled.Append(rows, Row("first"), 3, 2, 0);
        rows = pooled.Append(rows, Row("second"), 1, 0, 0);
        Assert.NotEqual(0, rows.Offset);

        using var fromArena = new BinaryBufferWriter();
        new JoinRowsSerializer(pooled).Serialize(rows, fromArena);
        var plain = new JoinRowsLayout(hasMatches: true, hasTimestamps: false);
        var unpooledRows = plain.Append(plain.Append(default, Row("first"), 3, 2, 0), Row("second"), 1, 0, 0);
        using var fromArray = new BinaryBufferWriter();
        new JoinRowsSerializer(plain).Serialize(unpooledRows, fromArray);

        // The same bytes as rows kept in an array of their own (the form savepoints were written in before the arena).
        Assert.Equal(fromArray.ToArray(), fromArena.ToArray());

        var restoredArena = new JoinRowsArena(pooled: true);
        var restored = new JoinRowsSerializer(new JoinRowsLayout(true, false, restoredArena)).Deserialize(new BinaryBufferReader(fromArray.WrittenMemory));
        Assert.Equal([("first", 3, 2L), ("second", 1, 0L)], Entries(pooled, restored));
        Assert.Equal(JoinRowsArena.PageSize, restoredArena.AllocatedBytes);
        var intoArray = new JoinRowsSerializer(plain).Deserialize(new BinaryBufferReader(fromArena.WrittenMemory));
        Assert.Equal([("first", 3, 2L), ("second", 1, 0L)], Entries(plain, intoArray));
    }
}
