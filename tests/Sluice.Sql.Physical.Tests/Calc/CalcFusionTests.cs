using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Sql.Physical.Tests.Subqueries;

namespace Sluice.Sql.Physical.Tests.Calc;

/// <summary>
/// A projection over a projection (which the logical rules keep apart when an inner expression is read twice) runs as
/// one Calc operator, with the same results, and the ids of the vertices after it unchanged.
/// </summary>
public sealed class CalcFusionTests
{
    private const string Script = """
        CREATE VIEW events AS SELECT * FROM (VALUES
            (2, 'Apple', 'https://x.com/a?channel_id=7'), (2, 'Shop', 'https://x.com/a?q=1&channel_id=9&r=2'),
            (2, 'Shop', 'https://x.com/b?q=1'), (1, 'Baidu', CAST(NULL AS STRING)), (2, 'baidu', ''), (2, 'Zürich', 'channel_id=ü')
        ) AS t(kind, channel, url);
        CREATE VIEW bid AS SELECT UPPER(channel) AS channel, url FROM events WHERE kind = 2;

        """;

    private const string Query = """
        SELECT channel,
               CASE WHEN LOWER(channel) = 'apple' THEN '0' WHEN LOWER(channel) = 'baidu' THEN '3'
                    ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) END AS channel_id
        FROM bid
        WHERE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) IS NOT NULL OR LOWER(channel) IN ('apple', 'baidu');
        """;

    [Fact]
    public async Task ProjectOverProject_RunsAsOneCalc_WithTheSameResults()
    {
        var result = await SqlScriptRunner.RunAsync(Script + Query);

        // channel_id=7 is not after '&' or at the start of the URL: it passes as Apple; the second shop URL has no
        // channel_id; Baidu of kind 1 is not a bid; 'channel_id=ü' is at the start.
        Assert.Equal(["[APPLE, 0]", "[BAIDU, 3]", "[SHOP, 9]", "[ZÜRICH, ü]"], result.Final);
        var vertices = NotInValueEqualityTests.PlanVertices(Script, Query, 1);
        Assert.Single(vertices, v => v.Name is "calc" or "project");
    }

    [Fact]
    public void ProjectOverProject_KeepsTheIdsOfTheVerticesAfterIt()
    {
        var fused = NotInValueEqualityTests.PlanVertices(Script, $"SELECT channel_id, COUNT(*) FROM ({Query.TrimEnd(';', '\n', '\r')}) GROUP BY channel_id;", 1);

        // Values, the fused calc (the inner one's id skipped), then the aggregation as with two operators.
        Assert.Equal(["000-values", "002-calc"], fused.Take(2).Select(v => v.Id));
    }
}
