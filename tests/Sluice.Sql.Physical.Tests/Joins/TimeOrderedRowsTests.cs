using System.Text;
using Sluice.Core.Serialization;
using Sluice.Sql.Physical.Operators.Joins;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The time-ordered form of a key's rows (the interval and temporal joins' state): inserts in any order keep the entries
/// in time order (equal times in arrival order), a prefix can be dropped, blocks go back to the arena, and the bound of
/// the newest time is rebuilt when the rows are read back.
/// </summary>
public sealed class TimeOrderedRowsTests
{
    private static byte[] Row(string text) => Encoding.UTF8.GetBytes(text);

    private static List<(string Row, long Time)> Entries(JoinRowsLayout layout, JoinRows rows)
    {
        var result = new List<(string, long)>();
        for (var entry = rows.Offset; entry < rows.End; entry = layout.Next(rows.Buffer!, entry))
        {
            result.Add((Encoding.UTF8.GetString(layout.Row(rows.Buffer!, entry)), layout.Timestamp(rows.Buffer!, entry)));
        }

        Assert.Equal(rows.Entries, result.Count);
        return result;
    }

    [Fact]
    public void Insert_InAnyOrder_KeepsTimeOrder_AndArrivalOrderWithinATime()
    {
        var state = new TimeOrderedRowsState("rows", matches: false);
        var rows = default(TimeOrderedRows);
        var random = new Random(7);
        var inserted = new List<(string Row, long Time)>();
        for (var i = 0; i < 300; i++)
        {
            // Mostly ascending, with late rows and repeated times; rows of many sizes so that blocks grow and move.
            var time = i % 5 == 0 ? random.Next(0, i + 1) : i;
            var text = $"row {i} " + new string('x', random.Next(0, 40));
            rows = state.Insert(rows, Row(text), 0, time);
            inserted.Add((text, time));
            Assert.True(rows.Newest >= time);
        }

        // A stable sort by time is the order the entries must have.
        var expected = inserted.Select((e, i) => (e, i)).OrderBy(x => x.e.Time).ThenBy(x => x.i).Select(x => x.e).ToList();
        Assert.Equal(expected, Entries(state.Layout, rows.Rows));
    }

    [Fact]
    public void RemovePrefix_DropsTheOldestEntries_AndGivesTheBlockBackWhenEmpty()
    {
        var layout = new JoinRowsLayout(hasMatches: true, hasTimestamps: true, new JoinRowsArena(pooled: true));
        var rows = default(JoinRows);
        for (var i = 0; i < 50; i++)
        {
            rows = layout.Append(rows, Row($"r{i}"), 1, i % 2, i);
        }

        var until = rows.Offset;
        for (var i = 0; i < 20; i++)
        {
            until = layout.Next(rows.Buffer!, until);
        }

        rows = layout.RemovePrefix(rows, until, 20);
        var entries = Entries(layout, rows);
        Assert.Equal(Enumerable.Range(20, 30).Select(i => ($"r{i}", (long)i)), entries);
        // The match flags moved with their entries (r20 has none, r21 has one).
        Assert.Equal(0, layout.Matches(rows.Buffer!, rows.Offset));
        Assert.Equal(1, layout.Matches(rows.Buffer!, layout.Next(rows.Buffer!, rows.Offset)));
        Assert.True(layout.Arena.InUseBytes > 0);

        rows = layout.RemovePrefix(rows, rows.End, rows.Entries);
        Assert.True(rows.IsEmpty);
        Assert.Equal(0, layout.Arena.InUseBytes);
    }

    [Fact]
    public void InsertAt_GrowsTheBlock_AndKeepsTheEntriesAroundIt()
    {
        var layout = new JoinRowsLayout(hasMatches: false, hasTimestamps: true, new JoinRowsArena(pooled: true));
        var rows = layout.Append(default, Row("first"), 1, 0, 1);
        rows = layout.Append(rows, Row("third"), 1, 0, 3);
        var capacity = rows.Capacity;
        for (var i = 0; rows.Capacity == capacity; i++)
        {
            rows = layout.InsertAt(rows, layout.Next(rows.Buffer!, rows.Offset), Row($"second {i}"), 1, 0, 2);
        }

        var entries = Entries(layout, rows);
        Assert.Equal(("first", 1L), entries[0]);
        Assert.Equal(("third", 3L), entries[^1]);
        Assert.All(entries.Skip(1).SkipLast(1), e => Assert.Equal(2L, e.Time));

        // Each insert went before the previous ones at time 2 (at the same offset), so they read in reverse.
        var seconds = entries.Skip(1).SkipLast(1).Select(e => int.Parse(e.Row["second ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(seconds.OrderDescending(), seconds);
    }

    [Fact]
    public void Serializer_RoundTripsTheEntries_AndRebuildsTheNewestTime()
    {
        var state = new TimeOrderedRowsState("rows", matches: true);
        var rows = default(TimeOrderedRows);
        foreach (var (text, time) in new[] { ("b", 20L), ("a", 10L), ("c", 30L), ("a2", 10L) })
        {
            rows = state.Insert(rows, Row(text), time == 30 ? 1 : 0, time);
        }

        var serializer = new TimeOrderedRowsSerializer(state.Layout);
        var writer = new BinaryBufferWriter();
        serializer.Serialize(rows, writer);
        var read = serializer.Deserialize(new BinaryBufferReader(writer.WrittenSpan.ToArray()));

        Assert.Equal(30, read.Newest);
        Assert.Equal([("a", 10L), ("a2", 10L), ("b", 20L), ("c", 30L)], Entries(state.Layout, read.Rows));
        Assert.Equal(1, state.Layout.Matches(read.Rows.Buffer!, state.After(read.Rows, 20)));
    }
}
