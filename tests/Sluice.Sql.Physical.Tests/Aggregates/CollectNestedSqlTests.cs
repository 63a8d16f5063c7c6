using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// COLLECT of ARRAY, ROW and MAP values in SQL, over an insert-only and over an updating input: the aggregator reads
/// nested values through <c>CollectFunction.EncodeNested</c> and writes nested multisets through
/// <c>CollectFunction.AppendNested</c> (see <see cref="CollectNestedValuesTests"/> for the function's part).
/// </summary>
public sealed class CollectNestedSqlTests
{
    [Fact]
    public async Task Collect_OfArraysRowsAndMaps()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT k, CAST(COLLECT(ARRAY[v, v + 1]) AS STRING) AS arrays, CAST(COLLECT(ROW(v, s)) AS STRING) AS rows_,
                   CAST(COLLECT(MAP[s, v]) AS STRING) AS maps
            FROM (VALUES ('a', 1, 'x'), ('a', 2, 'y'), ('b', 3, 'z'), ('a', 1, 'x')) AS t(k, v, s)
            GROUP BY k;
            """);
        // a: ARRAY[1, 2] twice (the duplicate row), ARRAY[2, 3] once, and so the rows and maps; b: one of each.
        Assert.Equal(
        [
            "[a, {[1, 2]=2, [2, 3]=1}, {(1, x)=2, (2, y)=1}, {{x=1}=2, {y=2}=1}]",
            "[b, {[3, 4]=1}, {(3, z)=1}, {{z=3}=1}]",
        ], result.Final);
    }

    [Fact]
    public async Task Collect_OfArrays_OverAnUpdatingInput_FollowsRetractions()
    {
        // Per k the largest v, an updating input: a's 1 is retracted when its 2 comes; b 5. COLLECT keeps [2] and [5].
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CARDINALITY(c) AS n, CAST(c AS STRING) AS s FROM (
              SELECT COLLECT(ARRAY[m]) AS c FROM (
                SELECT k, MAX(v) AS m FROM (VALUES ('a', 1), ('b', 5), ('a', 2)) AS t(k, v) GROUP BY k));
            """);
        Assert.Equal(["[2, {[2]=1, [5]=1}]"], result.Final);
    }
}
