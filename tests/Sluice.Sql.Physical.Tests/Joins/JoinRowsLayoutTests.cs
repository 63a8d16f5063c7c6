using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;
using Sluice.Sql.Physical.Operators.Joins;

namespace Sluice.Sql.Physical.Tests.Joins;

public sealed class JoinRowsLayoutTests
{
    private static byte[] Row(string text) => Encoding.UTF8.GetBytes(text);

    private static List<(string Row, int Count, long Matches, long Timestamp)> Entries(JoinRowsLayout layout, JoinRows rows)
    {
        var result = new List<(string, int, long, long)>();
        for (var entry = 0; entry < rows.Length; entry = layout.Next(rows.Buffer!, entry))
        {
            result.Add((Encoding.UTF8.GetString(layout.Row(rows.Buffer!, entry)), JoinRowsLayout.Count(rows.Buffer!, entry),
                layout.Matches(rows.Buffer!, entry), layout.Timestamp(rows.Buffer!, entry)));
        }

        Assert.Equal(rows.Entries, result.Count);
        return result;
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Append_KeepsEveryFieldOfEveryEntry_InOrder(bool matches, bool timestamps)
    {
        var layout = new JoinRowsLayout(matches, timestamps);
        var rows = default(JoinRows);
        for (var i = 0; i < 100; i++)
        {
            rows = layout.Append(rows, Row($"row {i} " + new string('x', i % 7)), i + 1, 10 + i, 1000 + i);
        }

        var entries = Entries(layout, rows);
        Assert.Equal(100, entries.Count);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal($"row {i} " + new string('x', i % 7), entries[i].Row);
            Assert.Equal(i + 1, entries[i].Count);
            Assert.Equal(matches ? 10 + i : 0, entries[i].Matches);
            Assert.Equal(timestamps ? 1000 + i : JoinRowsLayout.Unstamped, entries[i].Timestamp);
        }
    }

    [Fact]
    public void FindAndRemove_WorkOnTheEncodedBytes_AndKeepTheOthersInOrder()
    {
        var layout = new JoinRowsLayout(hasMatches: true, hasTimestamps: false);
        var rows = default(JoinRows);
        foreach (var text in new[] { "a", "bb", "a2", "bb", "c" })
        {
            rows = layout.Append(rows, Row(text), 1, 0, 0);
        }

        Assert.Equal(-1, layout.Find(rows, Row("b")));
        Assert.Equal(-1, layout.Find(rows, Row("a22")));
        var first = layout.Find(rows, Row("bb"));
        rows = layout.RemoveAt(rows, first);
        Assert.Equal(["a", "a2", "bb", "c"], Entries(layout, rows).Select(e => e.Row));
        rows = layout.RemoveAt(rows, layout.Find(rows, Row("bb")));
        rows = layout.RemoveAt(rows, layout.Find(rows, Row("a")));
        rows = layout.RemoveAt(rows, layout.Find(rows, Row("c")));
        Assert.Equal(["a2"], Entries(layout, rows).Select(e => e.Row));
        rows = layout.RemoveAt(rows, layout.Find(rows, Row("a2")));
        Assert.True(rows.IsEmpty);
        Assert.Null(rows.Buffer);
    }

    [Fact]
    public void RemoveExpired_DropsOldEntries_AndStampsUnstampedOnes()
    {
        var layout = new JoinRowsLayout(hasMatches: false, hasTimestamps: true);
        var rows = default(JoinRows);
        rows = layout.Append(rows, Row("old"), 1, 0, 100);
        rows = layout.Append(rows, Row("restored"), 2, 0, JoinRowsLayout.Unstamped);
        rows = layout.Append(rows, Row("young"), 1, 0, 950);

        var kept = layout.RemoveExpired(rows, now: 1100, ttlMillis: 1000);

        Assert.Equal([("restored", 2, 0L, 1100L), ("young", 1, 0L, 950L)], Entries(layout, kept));
        Assert.True(layout.RemoveExpired(kept, now: 3000, ttlMillis: 1000).IsEmpty);
    }

    [Theory]
    [InlineData(false, false, false, false)]
    [InlineData(true, true, true, true)]
    [InlineData(false, false, true, true)]
    [InlineData(true, true, false, false)]
    [InlineData(true, false, false, true)]
    public void Serializer_RoundTrips_AndConvertsBetweenLayouts(bool writtenMatches, bool writtenTimestamps, bool readMatches, bool readTimestamps)
    {
        var written = new JoinRowsLayout(writtenMatches, writtenTimestamps);
        var rows = default(JoinRows);
        rows = written.Append(rows, Row("first"), 3, 2, 500);
        rows = written.Append(rows, Row(""), 1, 0, 600);
        using var writer = new BinaryBufferWriter();
        new JoinRowsSerializer(written).Serialize(rows, writer);

        var read = new JoinRowsLayout(readMatches, readTimestamps);
        var restored = new JoinRowsSerializer(read).Deserialize(new BinaryBufferReader(writer.WrittenMemory));

        var expectedTimestamp = (long ts) => !readTimestamps ? JoinRowsLayout.Unstamped : writtenTimestamps ? ts : JoinRowsLayout.Unstamped;
        Assert.Equal(
            [("first", 3, readMatches && writtenMatches ? 2L : 0L, expectedTimestamp(500)), ("", 1, 0L, expectedTimestamp(600))],
            Entries(read, restored));
    }

    [Fact]
    public void Serializer_RejectsCutOffOrMiscountedEntries()
    {
        var layout = new JoinRowsLayout(hasMatches: false, hasTimestamps: false);
        var rows = layout.Append(default, Row("abc"), 1, 0, 0);
        using var writer = new BinaryBufferWriter();
        writer.WriteByte(layout.Flags);
        writer.WriteVarUInt64(2);
        writer.WriteBytes(rows.Used);
        var miscounted = writer.ToArray();
        writer.Reset();
        writer.WriteByte(layout.Flags);
        writer.WriteVarUInt64(1);
        writer.WriteBytes(rows.Used[..^1]);
        var cut = writer.ToArray();

        var serializer = new JoinRowsSerializer(layout);
        Assert.Throws<StateException>(() => serializer.Deserialize(new BinaryBufferReader(miscounted)));
        Assert.Throws<StateException>(() => serializer.Deserialize(new BinaryBufferReader(cut)));
    }
}
