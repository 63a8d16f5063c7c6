using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// COLLECT as Flink's <c>CollectAggFunction</c>: the multiset of the non-null values of a group, kept up to date through
/// retractions, never NULL (an empty multiset when every value is NULL).
/// </summary>
public sealed class CollectAggregateTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.String()));

    private static GroupAggregateOperator NewOperator() => new(Input, [0],
        [new AggregateCall(AggregateKind.Collect, 1, DataTypes.Multiset(DataTypes.String()).NotNull(), "vs")]);

    [Fact]
    public async Task Collect_GroupsValuesIntoAMultiset_SkippingNulls()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT k, CAST(COLLECT(v) AS STRING) AS vs, CARDINALITY(COLLECT(v)) AS n
            FROM (VALUES ('a', 'x'), ('b', 'y'), ('a', 'x'), ('a', 'z'), ('b', CAST(NULL AS STRING)), ('c', CAST(NULL AS STRING))) AS t(k, v)
            GROUP BY k;
            """);

        Assert.Equal(["[a, {x=2, z=1}, 3]", "[b, {y=1}, 1]", "[c, {}, 0]"], result.Final);
    }

    [Fact]
    public async Task Collect_RetractsUpdatedValues()
    {
        // The inner counts are updated (a: 1 -> 2), so the outer COLLECT must retract the 1 it saw for 'a' first.
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(COLLECT(cnt) AS STRING) AS counts
            FROM (SELECT k, COUNT(*) AS cnt FROM (VALUES ('a'), ('b'), ('a'), ('c')) AS t(k) GROUP BY k);
            """);

        Assert.Equal(["[{1=2, 2=1}]"], result.Final);
    }

    [Fact]
    public async Task Collect_InAWindowAggregation()
    {
        var directory = Directory.CreateTempSubdirectory("sluice-collect-").FullName;
        try
        {
            var path = Path.Combine(directory, "events.csv");
            File.WriteAllLines(path, ["a,2024-01-01 10:00:01", "b,2024-01-01 10:00:02", "a,2024-01-01 10:00:03", "c,2024-01-01 10:01:05"]);
            var result = await SqlScriptRunner.RunAsync($"""
                CREATE TABLE Events (v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
                WITH ('connector' = 'filesystem', 'path' = '{path}', 'format' = 'csv');
                SELECT window_start, CAST(COLLECT(v) AS STRING) AS vs
                FROM TABLE(TUMBLE(TABLE Events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
                GROUP BY window_start, window_end;
                """);

            Assert.Equal(["[2024-01-01 10:00:00, {a=2, b=1}]", "[2024-01-01 10:01:00, {c=1}]"], result.Final);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Collect_RetractionBeforeAccumulation_CancelsALaterAccumulation()
    {
        var output = RunOneInput(NewOperator, Input,
        [
            [R("+I", "a", "x"), R("+I", "a", "x"), R("-D", "a", "y")],
            [R("+I", "a", "y")],
        ], snapshotAfter: -1);

        Assert.Equal(["[a, [x, x]]"], Materialize(output));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a", "x"), R("+I", "b", "y"), R("+I", "a", "x")],
            [R("-D", "a", "x"), R("+I", "a", "w")],
            [R("+I", "b", "y"), R("-D", "a", "x"), R("+I", "c", null)],
        ];

        var expected = RunOneInput(NewOperator, Input, script, snapshotAfter: -1);
        var actual = RunOneInput(NewOperator, Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);
        Assert.Equal(["[a, [w]]", "[b, [y, y]]", "[c, []]"], Materialize(actual));
    }
}
