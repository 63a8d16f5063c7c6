using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>
/// A table function as a FROM item of its own (<c>FROM TABLE(f(...))</c>, <c>FROM LATERAL TABLE(f(...))</c>), without a
/// table to its left: its arguments are constants, so it produces its rows once, as Flink's correlate over a single row.
/// </summary>
public sealed class StandaloneTableFunctionTests
{
    private static string Create(string name, string type) =>
        $"CREATE FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{UdfSqlTests.Jar}';\n";

    [Theory]
    [InlineData("TABLE(repeat_each(2, 'a', 'b'))")]
    [InlineData("LATERAL TABLE(repeat_each(2, 'a', 'b'))")]
    public async Task TableFunction_AloneInFrom_ProducesItsRows(string fromItem)
    {
        var result = await SqlScriptRunner.RunAsync(Create("repeat_each", "RepeatEach") + $"""
            SELECT v, CHAR_LENGTH(v) AS n FROM {fromItem} AS t(v);
            """);

        Assert.Equal(["[a, 1]", "[a, 1]", "[b, 1]", "[b, 1]"], result.Final);
    }

    [Fact]
    public async Task TableFunction_AloneInFrom_JoinsAndAggregatesLikeAnyTable()
    {
        var result = await SqlScriptRunner.RunAsync(Create("split_words", "SplitWords") + """
            SELECT w.word, COUNT(*) AS n
            FROM TABLE(split_words('to be or not to be')) AS w(word, pos)
            GROUP BY w.word;
            """);

        Assert.Equal(["[be, 2]", "[not, 1]", "[or, 1]", "[to, 2]"], result.Final);
    }

    [Fact]
    public async Task TableFunction_AloneInFrom_WithNoRows_IsEmpty()
    {
        var result = await SqlScriptRunner.RunAsync(Create("repeat_each", "RepeatEach") + """
            SELECT * FROM TABLE(repeat_each(0, 'a')) AS t(v);
            """);

        Assert.Empty(result.Final);
    }
}
