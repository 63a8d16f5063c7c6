using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Sql.Physical.Tests.Udf;

namespace Sluice.Sql.Physical.Tests.Correlate;

/// <summary>
/// <c>UNNEST</c> as a FROM item of its own (<c>SELECT * FROM UNNEST(ARRAY[1, 2, 3]) AS t(x)</c>, with ordinality, of maps
/// and of rows, joined like any table), <c>UNNEST</c> of an expression over the left row, and table functions whose
/// arguments are expressions rather than literals.
/// </summary>
public sealed class UnnestFromItemTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-unnest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Unnest_AloneInFrom_ProducesTheElements()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT * FROM UNNEST(ARRAY[3, 1, 2]) AS t(x);");
        Assert.Equal(["+I[3]", "+I[1]", "+I[2]"], result.Changelog);
    }

    [Fact]
    public async Task Unnest_AloneInFrom_WithOrdinality_NumbersTheElementsFromOne()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT x, n FROM UNNEST(ARRAY['a', 'b', 'c']) WITH ORDINALITY AS t(x, n) WHERE n > 1;");
        Assert.Equal(["[b, 2]", "[c, 3]"], result.Final);
    }

    [Fact]
    public async Task Unnest_AloneInFrom_OfAMap_GivesKeysAndValues()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT v, k FROM UNNEST(MAP['a', 1, 'b', 2]) AS t(k, v);");
        Assert.Equal(["[1, a]", "[2, b]"], result.Final);
    }

    [Fact]
    public async Task Unnest_AloneInFrom_OfRows_GivesTheirFields()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT name, id * 10 AS ten FROM UNNEST(ARRAY[ROW(1, 'x'), ROW(2, 'y')]) AS t(id, name);");
        Assert.Equal(["[x, 10]", "[y, 20]"], result.Final);
    }

    [Fact]
    public async Task Unnest_AloneInFrom_OfANullArray_IsEmpty()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT * FROM UNNEST(CAST(NULL AS ARRAY<INT>)) AS t(x);");
        Assert.Empty(result.Changelog);
    }

    [Fact]
    public async Task Unnest_AloneInFrom_AggregatesLikeAnyTable()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT x, COUNT(*) AS n FROM UNNEST(ARRAY['a', 'b', 'a']) AS t(x) GROUP BY x;");
        Assert.Equal(["[a, 2]", "[b, 1]"], result.Final);
    }

    private string Pairs()
    {
        var path = Path.Combine(_directory, "pairs.csv");
        File.WriteAllLines(path, ["1,10,20", "2,30,NULL", "3,40,50"]);
        return $"""
            CREATE TABLE Pairs (id INT, a INT, b INT)
            WITH ('connector' = 'filesystem', 'format' = 'csv', 'csv.null-literal' = 'NULL', 'path' = '{path}');

            """;
    }

    [Fact]
    public async Task Unnest_AloneInFrom_JoinsATable()
    {
        // UNNEST as the left side of a regular join (its rows come from a single-row source), and as the right side of a
        // comma join filtered by WHERE (a correlation that does not use the left row).
        var joined = await SqlScriptRunner.RunAsync(Pairs() + """
            SELECT p.id, t.label FROM UNNEST(ARRAY[ROW(1, 'one'), ROW(3, 'three')]) AS t(n, label) JOIN Pairs AS p ON p.id = t.n;
            """, parallelism: 2);
        Assert.Equal(["[1, one]", "[3, three]"], joined.Final);

        var filtered = await SqlScriptRunner.RunAsync(Pairs() + """
            SELECT p.id, t.label FROM Pairs AS p, UNNEST(ARRAY[ROW(1, 'one'), ROW(3, 'three')]) AS t(n, label) WHERE p.id = t.n;
            """, parallelism: 2);
        Assert.Equal(["[1, one]", "[3, three]"], filtered.Final);
    }

    [Fact]
    public async Task Unnest_OfAnExpressionOverTheLeftRow()
    {
        var result = await SqlScriptRunner.RunAsync(Pairs() + """
            SELECT p.id, u.x, u.n FROM Pairs AS p CROSS JOIN UNNEST(ARRAY[p.a, p.b + 1]) WITH ORDINALITY AS u(x, n);
            """);
        Assert.Equal(["[1, 10, 1]", "[1, 21, 2]", "[2, 30, 1]", "[2, NULL, 2]", "[3, 40, 1]", "[3, 51, 2]"], result.Final);
    }

    [Fact]
    public async Task LeftJoinUnnest_OfAnExpression_KeepsRowsWithoutElements()
    {
        var result = await SqlScriptRunner.RunAsync(Pairs() + """
            SELECT p.id, u.x
            FROM Pairs AS p LEFT JOIN UNNEST(CASE WHEN p.b IS NULL THEN CAST(NULL AS ARRAY<INT>) ELSE ARRAY[p.b] END) AS u(x) ON TRUE;
            """);
        Assert.Equal(["[1, 20]", "[2, NULL]", "[3, 50]"], result.Final);
    }

    private static string Create(string name, string type) =>
        $"CREATE FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{UdfSqlTests.Jar}';\n";

    [Fact]
    public async Task TableFunction_AloneInFrom_WithComputedArguments()
    {
        var result = await SqlScriptRunner.RunAsync(Create("split_words", "SplitWords") + """
            SELECT word, pos FROM TABLE(split_words(CONCAT('to be', ' ', UPPER('or')))) AS w(word, pos);
            """);
        Assert.Equal(["[OR, 2]", "[be, 1]", "[to, 0]"], result.Final);
    }

    [Fact]
    public async Task LateralTableFunction_WithArgumentsComputedFromTheLeftRow()
    {
        var result = await SqlScriptRunner.RunAsync(Create("split_words", "SplitWords") + Pairs() + """
            SELECT p.id, w.word FROM Pairs AS p, LATERAL TABLE(split_words(CONCAT(CAST(p.a AS STRING), '-', CAST(p.id AS STRING)), '-')) AS w(word, pos)
            WHERE p.id <> 2;
            """);
        Assert.Equal(["[1, 10]", "[1, 1]", "[3, 3]", "[3, 40]"], result.Final);
    }
}
