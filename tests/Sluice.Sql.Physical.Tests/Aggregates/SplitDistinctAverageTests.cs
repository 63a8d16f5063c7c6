using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// Split distinct aggregation (<c>table.optimizer.distinct-agg.split.enabled</c>) of AVG: the partial aggregate per key
/// and bucket computes a SUM and a COUNT of the AVG's values, the final one sums both, and their quotient is the AVG,
/// equal to the unsplit result at parallelism 2. AVG(DISTINCT) of a DECIMAL, and a plain AVG, are not split.
/// </summary>
public sealed class SplitDistinctAverageTests
{
    // a: v 1, 1, 4, NULL (d 1.5, 1.5, 2.5, NULL); b: v -3, -4, -4 (d -1, -2, -2); c: v NULL.
    private const string Table = """
        CREATE VIEW T AS SELECT k, v, CAST(d AS DOUBLE) AS d FROM (VALUES
          ('a', 1, 1.5), ('a', 1, 1.5), ('a', 4, 2.5), ('a', CAST(NULL AS INT), CAST(NULL AS DECIMAL(2, 1))),
          ('b', -3, -1.0), ('b', -4, -2.0), ('b', -4, -2.0), ('c', CAST(NULL AS INT), CAST(NULL AS DECIMAL(2, 1)))) AS t(k, v, d);

        """;

    private const string IntegerAverages = "SELECT k, AVG(DISTINCT v) AS ad, COUNT(DISTINCT v) AS cd, MIN(v) AS lo, SUM(v) AS s FROM T GROUP BY k;";

    private const string DoubleAverages = "SELECT k, AVG(DISTINCT d) AS ad, COUNT(*) AS n FROM T GROUP BY k;";

    private static Dictionary<string, string> Split(bool enabled) => new()
    {
        ["table.optimizer.distinct-agg.split.enabled"] = enabled ? "true" : "false",
        ["table.optimizer.distinct-agg.split.bucket-num"] = "4",
    };

    [Fact]
    public async Task Integer_average_split_truncates_as_the_unsplit_one()
    {
        var reference = await SqlScriptRunner.RunAsync(Table + IntegerAverages, parallelism: 2, configuration: Split(false));
        var split = await SqlScriptRunner.RunAsync(Table + IntegerAverages, parallelism: 2, configuration: Split(true));

        // a: distinct {1, 4} → 5 / 2 = 2; b: distinct {-3, -4} → -7 / 2 = -3 (truncated toward zero); c: no value → NULL.
        Assert.Equal(["[a, 2, 2, 1, 6]", "[b, -3, 2, -4, -11]", "[c, NULL, 0, NULL, NULL]"], split.Final.Order(StringComparer.Ordinal));
        Assert.Equal(reference.Final.Order(StringComparer.Ordinal), split.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Double_average_split_equals_the_unsplit_one()
    {
        var reference = await SqlScriptRunner.RunAsync(Table + DoubleAverages, parallelism: 2, configuration: Split(false));
        var split = await SqlScriptRunner.RunAsync(Table + DoubleAverages, parallelism: 2, configuration: Split(true));

        // a: distinct {1.5, 2.5} → 2 (printed without a fraction); b: distinct {-1, -2} → -1.5; c: NULL.
        Assert.Equal(["[a, 2, 4]", "[b, -1.5, 3]", "[c, NULL, 1]"], split.Final.Order(StringComparer.Ordinal));
        Assert.Equal(reference.Final.Order(StringComparer.Ordinal), split.Final.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(IntegerAverages, true)]
    [InlineData(DoubleAverages, true)]
    [InlineData("SELECT k, AVG(DISTINCT CAST(v AS DECIMAL(10, 2))) AS ad FROM T GROUP BY k;", false)]
    [InlineData("SELECT k, AVG(DISTINCT v) AS ad, AVG(v) AS av FROM T GROUP BY k;", false)]
    public void Explain_shows_the_split_of_integer_and_floating_averages_only(string query, bool split)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()) { Parallelism = 2, Configuration = Split(true) });
        var results = SqlSession.ParseScript(Table + "EXPLAIN " + query).Select(session.Execute).ToList();
        var plan = (string)results[^1].Result!.Rows[0][0]!;

        Assert.Equal(split, plan.Contains("FinalDistinctAggregate", StringComparison.Ordinal));
    }
}
