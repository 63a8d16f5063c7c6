using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Sort;

/// <summary>
/// <c>LIMIT n</c> without <c>ORDER BY</c> over an updating input, as Flink's <c>StreamPhysicalLimit</c>: a Top-N with
/// a constant sort key (rows in arrival order) that accepts retractions, so the result is the first n of the rows
/// currently there.
/// </summary>
public sealed class LimitOverUpdatingInputTests
{
    private static readonly Schema Input = Schema.Of(new Field("name", DataTypes.String()), new Field("c", DataTypes.BigInt()));

    private static RankOperator Limit(long offset, long count) =>
        new(Input, [], [], RankFunction.RowNumber, new RankRange(offset + 1, offset + count));

    private static RecordBatch Rows(params (string, object?[])[] rows) => Batch(Input, rows);

    private static RecordBatch[] Script() =>
    [
        Rows(R("+I", "a", 1L), R("+I", "b", 1L), R("+I", "c", 1L)),
        Rows(R("-U", "a", 1L), R("+U", "a", 2L)),
        Rows(R("-D", "b", 1L), R("+I", "d", 1L)),
    ];

    private static List<string> Run(RankOperator op, RecordBatch[] script, int snapshotAfter = -1)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(op);
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                harness.ProcessBatch(script[i]);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(Limit(0, 2), restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Output(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    [Fact]
    public void WithoutSortKey_RowsKeepArrivalOrder_AndARetractionLetsTheNextRowIn()
    {
        var output = Run(Limit(0, 2), Script());

        // a, b are the first two; a's update goes to the end (after c), so c moves in; b's delete lets the updated a in.
        Assert.Equal(
        [
            "+I[a, 1]", "+I[b, 1]",
            "-D[a, 1]", "+I[c, 1]",
            "-D[b, 1]", "+I[a, 2]",
        ], output);
    }

    [Fact]
    public void WithoutSortKey_SnapshotRestoreAndContinue_MatchesUninterruptedRun()
    {
        var expected = Run(Limit(0, 2), Script());

        Assert.Equal(expected, Run(Limit(0, 2), Script(), snapshotAfter: 0));
        Assert.Equal(expected, Run(Limit(0, 2), Script(), snapshotAfter: 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task LimitOverAGroupAggregation_EndsWithRowsOfTheCurrentResult(int parallelism)
    {
        // Counts: x 3, y 2, z 1, w 1.
        var result = await SqlScriptRunner.RunAsync(
            "SELECT name, COUNT(*) AS c FROM (VALUES ('x'), ('y'), ('x'), ('z'), ('x'), ('y'), ('w')) AS t(name) GROUP BY name LIMIT 2;",
            parallelism: parallelism);

        Assert.Equal(2, result.Final.Count);
        Assert.Subset(new HashSet<string>(["[x, 3]", "[y, 2]", "[z, 1]", "[w, 1]"]), new HashSet<string>(result.Final));
    }

    [Fact]
    public async Task LimitWithOffsetOverAGroupAggregation_SkipsTheFirstRows()
    {
        var result = await SqlScriptRunner.RunAsync(
            "SELECT name, COUNT(*) AS c FROM (VALUES ('x'), ('y'), ('x')) AS t(name) GROUP BY name LIMIT 5 OFFSET 1;");

        // Two current rows (x 2, y 1, in an arrival order that depends on batching): the first is skipped.
        var row = Assert.Single(result.Final);
        Assert.Contains(row, new[] { "[x, 2]", "[y, 1]" });
    }
}
