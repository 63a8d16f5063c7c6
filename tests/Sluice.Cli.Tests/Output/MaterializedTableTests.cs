using Sluice.Cli.Output;
using Sluice.Core.Batches;

namespace Sluice.Cli.Tests.Output;

public class MaterializedTableTests
{
    private static string?[] Row(params string?[] values) => values;

    [Fact]
    public void Apply_InsertsThenRetractions_RemoveOneEqualRowEach()
    {
        var table = new MaterializedTable(2);
        table.Apply(RowKind.Insert, Row("a", "1"));
        table.Apply(RowKind.Insert, Row("a", "1"));
        table.Apply(RowKind.Insert, Row("b", null));
        table.Apply(RowKind.Delete, Row("a", "1"));

        Assert.Equal([Row("a", "1"), Row("b", null)], table.Rows);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Apply_UpdateBeforeThenAfter_ReplacesTheRowInPlace()
    {
        var table = new MaterializedTable(2);
        table.Apply(RowKind.Insert, Row("a", "1"));
        table.Apply(RowKind.Insert, Row("b", "1"));
        table.Apply(RowKind.Insert, Row("c", "1"));
        table.Apply(RowKind.UpdateBefore, Row("a", "1"));
        table.Apply(RowKind.UpdateAfter, Row("a", "2"));

        Assert.Equal([Row("a", "2"), Row("b", "1"), Row("c", "1")], table.Rows);
    }

    [Fact]
    public void Apply_NullDiffersFromTheTextNull_AndFromEmpty()
    {
        var table = new MaterializedTable(1);
        table.Apply(RowKind.Insert, Row("null"));
        table.Apply(RowKind.Insert, Row(""));
        table.Apply(RowKind.Delete, Row((string?)null));

        Assert.Equal([Row("null"), Row("")], table.Rows);
        Assert.Equal(1, table.UnmatchedRetractions);
    }

    [Fact]
    public void Apply_UpdateAfterWithoutUpdateBefore_IsAnInsertAtTheEnd()
    {
        var table = new MaterializedTable(1);
        table.Apply(RowKind.Insert, Row("a"));
        table.Apply(RowKind.UpdateAfter, Row("b"));

        Assert.Equal([Row("a"), Row("b")], table.Rows);
    }

    [Fact]
    public void Apply_RandomChangelog_EqualsAListReference()
    {
        var random = new Random(42);
        var table = new MaterializedTable(2);
        var reference = new List<string>();
        for (var i = 0; i < 20_000; i++)
        {
            var value = Row(random.Next(50).ToString(System.Globalization.CultureInfo.InvariantCulture), random.Next(3) == 0 ? null : "x");
            var key = value[0] + "|" + (value[1] ?? "<null>");
            var present = reference.Contains(key);
            if (present && random.Next(2) == 0)
            {
                var kind = random.Next(2) == 0 ? RowKind.Delete : RowKind.UpdateBefore;
                table.Apply(kind, value);
                reference.Remove(key);
                if (kind == RowKind.UpdateBefore)
                {
                    var after = Row(value[0], "y" + i);
                    table.Apply(RowKind.UpdateAfter, after);
                    reference.Add(after[0] + "|" + after[1]);
                }
            }
            else
            {
                table.Apply(RowKind.Insert, value);
                reference.Add(key);
            }
        }

        var actual = table.Rows.Select(r => r[0] + "|" + (r[1] ?? "<null>")).Order(StringComparer.Ordinal).ToList();
        reference.Sort(StringComparer.Ordinal);
        Assert.Equal(reference, actual);
        Assert.Equal(reference.Count, table.Count);
        Assert.Equal(0, table.UnmatchedRetractions);
    }
}
