using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.Output;

public class TableauFormatterTests
{
    private static readonly Schema Schema = Schema.Of(new Field("name", DataTypes.String()), new Field("cnt", DataTypes.BigInt()));

    [Fact]
    public void TableauTable_BoundedResult_FinalBoxedTableAndRowCount()
    {
        var output = new StringWriter();
        var formatter = new TableauTableFormatter(output, Schema, ResultText.Utc);
        using var batch = Batches.Of(Schema, Batches.R("+I", "Bob", 1L), Batches.R("+I", "Alice", 1L), Batches.R("-U", "Bob", 1L),
            Batches.R("+U", "Bob", 2L), Batches.R("+I", null, 10L));

        formatter.Start();
        formatter.WriteBatch(batch);
        Assert.Equal("", output.ToString());
        formatter.Complete();

        Assert.Equal(
            """
            +--------+-----+
            |   name | cnt |
            +--------+-----+
            |    Bob |   2 |
            |  Alice |   1 |
            | <NULL> |  10 |
            +--------+-----+
            3 rows in set

            """.ReplaceLineEndings("\n"),
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TableauTable_NoRows_EmptySet()
    {
        var output = new StringWriter();
        var formatter = new TableauTableFormatter(output, Schema, ResultText.Utc);
        formatter.Start();
        formatter.Complete();

        Assert.Equal("Empty set\n", output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void TableauTable_OneRow_SingularCount()
    {
        var text = TableauTableFormatter.Render(["a"], [["x"]], 30);

        Assert.EndsWith("1 row in set" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public void TableauTable_WideValues_CutToTheMaximumWidthWithDots()
    {
        var text = TableauTableFormatter.Render(["v"], [["abcdefghijklmnopqrstuvwxyz0123456789"]], 10);

        Assert.Contains("| abcdefg... |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TableauChangelog_HeaderAtOnce_ThenOneLinePerChange_ThenTotal()
    {
        var output = new StringWriter();
        var formatter = new TableauChangelogFormatter(output, Schema, ResultText.Utc);

        formatter.Start();
        var header = output.ToString();
        using (var batch = Batches.Of(Schema, Batches.R("+I", "Bob", 1L), Batches.R("-U", "Bob", 1L), Batches.R("+U", "Bob", 2L)))
        {
            formatter.WriteBatch(batch);
        }

        using (var batch = Batches.Of(Schema, Batches.R("-D", "Bob", 2L)))
        {
            formatter.WriteBatch(batch);
        }

        formatter.Complete();

        // Widths from the types: STRING takes the maximum width (30), BIGINT 20 digits.
        var border = "+----+" + new string('-', 32) + "+" + new string('-', 22) + "+";
        Assert.Equal(border + "\n| op |" + "name".PadLeft(31) + " |" + "cnt".PadLeft(21) + " |\n" + border + "\n", header.ReplaceLineEndings("\n"));
        Assert.Equal(
            header.ReplaceLineEndings("\n") +
            "| +I |" + "Bob".PadLeft(31) + " |" + "1".PadLeft(21) + " |\n" +
            "| -U |" + "Bob".PadLeft(31) + " |" + "1".PadLeft(21) + " |\n" +
            "| +U |" + "Bob".PadLeft(31) + " |" + "2".PadLeft(21) + " |\n" +
            "| -D |" + "Bob".PadLeft(31) + " |" + "2".PadLeft(21) + " |\n" +
            border + "\nReceived a total of 4 rows\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("b", TypeId.Boolean, 6)]
    [InlineData("i", TypeId.Int, 11)]
    [InlineData("a_long_column_name", TypeId.Int, 18)]
    [InlineData("d", TypeId.Date, 10)]
    public void WidthOf_NameNullAndTypeFit(string name, TypeId type, int expected)
    {
        var dataType = type switch
        {
            TypeId.Boolean => DataTypes.Boolean(),
            TypeId.Int => DataTypes.Int(),
            _ => DataTypes.Date(),
        };

        Assert.Equal(expected, TableauLayout.WidthOf(name, dataType, 30));
    }

    [Fact]
    public void Line_WideCharacters_TakeTwoCells()
    {
        var layout = new TableauLayout([6]);

        Assert.Equal("|   中文 |", layout.Line(["中文"]));
        Assert.Equal(4, TableauLayout.DisplayWidth("中文"));
    }

    [Fact]
    public void Line_ControlCharacters_ShownAsSpaces()
    {
        var layout = new TableauLayout([5]);

        Assert.Equal("| a b c |", layout.Line(["a\nb\tc"]));
    }
}
