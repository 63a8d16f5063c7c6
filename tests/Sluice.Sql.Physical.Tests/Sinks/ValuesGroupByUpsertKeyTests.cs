using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary>
/// A <c>GROUP BY</c> keeps its upsert key through a projection that casts the key without losing distinctness (the
/// CHAR(n) column of <c>VALUES</c> cast to the sink's STRING, an INT widened to BIGINT), as Flink's upsert keys do, so a
/// sink whose primary key is that column gets no upsert materializer; a narrowing cast loses the key.
/// </summary>
public sealed class ValuesGroupByUpsertKeyTests
{
    private const string Tables = """
        CREATE TABLE ByName (k STRING, c BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'blackhole');
        CREATE TABLE ById (id BIGINT, c BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'blackhole');
        CREATE TABLE BySmallId (id SMALLINT, c BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'blackhole');

        """;

    private static string Plan(string insert)
    {
        var session = new SqlSession(new SqlSessionOptions(SqlScriptRunner.Registry()));
        var results = SqlSession.ParseScript(Tables + "EXPLAIN " + insert).Select(session.Execute).ToList();
        var plan = (string)results[^1].Result!.Rows[0][0]!;
        var start = plan.IndexOf("== Optimized Physical Plan ==", StringComparison.Ordinal);
        return plan[start..plan.IndexOf("\n== ", start + 1, StringComparison.Ordinal)];
    }

    [Theory]
    [InlineData("INSERT INTO ByName SELECT k, COUNT(*) FROM (VALUES ('a', 1), ('b', 2), ('a', 3)) AS t(k, v) GROUP BY k;")]
    [InlineData("INSERT INTO ById SELECT id, COUNT(*) FROM (VALUES (1, 'x'), (2, 'y')) AS t(id, v) GROUP BY id;")]
    public void GroupByOverValues_KeepsItsUpsertKey_AndTheSinkNeedsNoMaterializer(string insert)
    {
        var plan = Plan(insert);

        Assert.Contains("CAST(", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("upsertMaterialize=[true]", plan, StringComparison.Ordinal);
    }

    [Fact]
    public void NarrowingCastOfTheKey_LosesTheUpsertKey()
    {
        var plan = Plan("INSERT INTO BySmallId SELECT CAST(id AS SMALLINT), COUNT(*) FROM (VALUES (100000, 'x'), (2, 'y')) AS t(id, v) GROUP BY id;");

        Assert.Contains("upsertMaterialize=[true]", plan, StringComparison.Ordinal);
    }
}
