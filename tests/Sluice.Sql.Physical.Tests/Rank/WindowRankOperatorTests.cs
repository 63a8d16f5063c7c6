using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Rank;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Rank;

public sealed class WindowRankOperatorTests
{
    /// <summary>(k, item, price, ts, window_start, window_end), PARTITION BY window_start, window_end, k.</summary>
    private static readonly Schema Input = new(
    [
        new Field("k", DataTypes.String()),
        new Field("item", DataTypes.String()),
        new Field("price", DataTypes.BigInt()),
        new Field("ts", DataTypes.Timestamp(3)),
        new Field("window_start", DataTypes.Timestamp(3)),
        new Field("window_end", DataTypes.Timestamp(3)),
    ], rowTimeIndex: 3);

    private static readonly int[] Partition = [4, 5, 0];

    private static DateTime T(long millis) => DateTime.UnixEpoch.AddMilliseconds(millis);

    /// <summary>How a timestamp of <paramref name="seconds"/> seconds after the epoch prints in a row string.</summary>
    private static string S(int seconds) => $"1970-01-01T00:00:{seconds:00}";

    /// <summary>A row of the tumbling window [start, start + 10 s) with event time <paramref name="ts"/> (ms).</summary>
    private static (string, object?[]) Row(string k, string item, long price, long ts)
    {
        var start = ts / 10_000 * 10_000;
        return R("+I", k, item, price, T(ts), T(start), T(start + 10_000));
    }

    private static RecordBatch Rows(params (string, object?[])[] rows) => Batch(Input, rows);

    private static WindowRankOperator TopPrice(RankFunction function, RankRange range, bool withNumber = true) =>
        new(Input, Partition, 5, [RankSortKey.Desc(2)], function, range, withNumber ? "rn" : null);

    /// <summary>The row string of an output row of window [0, 10 s).</summary>
    private static string W0(string k, string item, long price, int tsSeconds, long? rank) =>
        $"+I[{k}, {item}, {price}, {S(tsSeconds)}, {S(0)}, {S(10)}{(rank is { } r ? $", {r}" : "")}]";

    [Fact]
    public void Constructor_WindowEndMustBeATimestampPartitionColumn()
    {
        Assert.Throws<ArgumentException>(() => new WindowRankOperator(Input, [4, 0], 5, [RankSortKey.Asc(2)], RankFunction.RowNumber, RankRange.Top(1)));
        Assert.Throws<ArgumentException>(() => new WindowRankOperator(Input, [2, 0], 2, [RankSortKey.Asc(2)], RankFunction.RowNumber, RankRange.Top(1)));
        Assert.Throws<ArgumentException>(() => new WindowRankOperator(Input, Partition, 5, [], RankFunction.RowNumber, RankRange.Top(1)));
    }

    [Fact]
    public void TopN_FiresWhenWatermarkReachesWindowEndMinusOne()
    {
        using var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(2)));
        harness.ProcessBatch(Rows(Row("a", "x", 10, 1_000), Row("a", "y", 30, 2_000), Row("a", "z", 20, 3_000), Row("a", "w", 30, 4_000)));
        harness.ProcessWatermark(9_998);
        Assert.Empty(Output(harness));
        Assert.Equal([9_998L], harness.OutputWatermarks);

        harness.ProcessWatermark(9_999);

        // y and w tie at 30: y arrived first.
        Assert.Equal([W0("a", "y", 30, 2, 1), W0("a", "w", 30, 4, 2)], Output(harness));
        Assert.Equal([9_998L, 9_999L], harness.OutputWatermarks);
    }

    [Fact]
    public void TopN_PartitionsAndWindowsAreRankedApart()
    {
        using var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(1), withNumber: false));
        harness.ProcessBatch(Rows(Row("a", "x", 10, 1_000), Row("b", "y", 5, 2_000), Row("a", "z", 7, 12_000), Row("a", "u", 20, 3_000)));
        harness.ProcessWatermark(9_999);
        Assert.Equal([W0("a", "u", 20, 3, null), W0("b", "y", 5, 2, null)], Output(harness).Order(StringComparer.Ordinal));
        harness.ClearOutput();

        harness.ProcessWatermark(19_999);
        Assert.Equal([$"+I[a, z, 7, {S(12)}, {S(10)}, {S(20)}]"], Output(harness));
    }

    [Fact]
    public void LateRows_AreDroppedAndCounted_EndOfInputFiresTheRest()
    {
        var op = TopPrice(RankFunction.RowNumber, RankRange.Top(2));
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Rows(Row("a", "x", 10, 1_000)));
        harness.ProcessWatermark(9_999);
        harness.ProcessBatch(Rows(Row("a", "late", 99, 9_000), Row("a", "next", 1, 15_000)));
        Assert.Equal(1, op.LateRowsDropped);
        harness.EndInput();
        Assert.Equal([W0("a", "x", 10, 1, 1), $"+I[a, next, 1, {S(15)}, {S(10)}, {S(20)}, 1]"], Output(harness));
        Assert.Equal([9_999L, long.MaxValue], harness.OutputWatermarks);
    }

    [Fact]
    public void Rank_And_DenseRank_WithTiesAndOffset()
    {
        (string, object?[])[] rows =
        [
            Row("a", "p", 10, 1_000), Row("a", "q", 30, 2_000), Row("a", "r", 30, 3_000), Row("a", "s", 20, 4_000), Row("a", "t", 5, 5_000),
        ];

        // Sorted by price DESC: q 30, r 30, s 20, p 10, t 5. RANK: 1, 1, 3, 4, 5; DENSE_RANK: 1, 1, 2, 3, 4.
        var rank = Fire(TopPrice(RankFunction.Rank, RankRange.Top(3)), rows);
        Assert.Equal([W0("a", "q", 30, 2, 1), W0("a", "r", 30, 3, 1), W0("a", "s", 20, 4, 3)], rank);

        var dense = Fire(TopPrice(RankFunction.DenseRank, new RankRange(2, 3)), rows);
        Assert.Equal([W0("a", "s", 20, 4, 2), W0("a", "p", 10, 1, 3)], dense);

        var rowNumber = Fire(TopPrice(RankFunction.RowNumber, new RankRange(2, 4)), rows);
        Assert.Equal([W0("a", "r", 30, 3, 2), W0("a", "s", 20, 4, 3), W0("a", "p", 10, 1, 4)], rowNumber);
    }

    [Fact]
    public void Deduplicate_KeepFirst_KeepsSmallestTimeFirstArrival()
    {
        var op = WindowRankOperator.Deduplicate(Input, Partition, 5, timeColumn: 3, DeduplicateKeep.FirstRow);
        Assert.Same(Input, op.OutputSchema);
        var output = Fire(op, [Row("a", "p", 1, 5_000), Row("a", "q", 2, 3_000), Row("a", "r", 3, 3_000), Row("b", "s", 4, 8_000)]);
        Assert.Equal([W0("a", "q", 2, 3, null), W0("b", "s", 4, 8, null)], output.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deduplicate_KeepLast_KeepsLargestTimeLastArrival()
    {
        var op = WindowRankOperator.Deduplicate(Input, Partition, 5, timeColumn: 3, DeduplicateKeep.LastRow);
        var output = Fire(op, [Row("a", "s", 1, 7_000), Row("a", "t", 2, 9_000), Row("a", "u", 3, 9_000), Row("a", "v", 4, 8_000)]);
        Assert.Equal([W0("a", "u", 3, 9, null)], output);
    }

    [Fact]
    public void NonInsertRow_Throws()
    {
        using var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(1)));
        var failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Rows(R("-D", "a", "x", 1L, T(0), T(0), T(10_000)))));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var expected = RunScript(snapshotAfter: -1);
        var actual = RunScript(snapshotAfter: 2);
        Assert.Equal(expected, actual);
        Assert.Equal(6, expected.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Snapshot_OfTwoSubtasks_RestoresAtAnotherParallelism(int newParallelism)
    {
        var keys = Enumerable.Range(0, 30).Select(i => $"key{i}").ToArray();
        var selector = new RecordBatchKeySelector(Partition);
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(1)), parallelism: 2, subtaskIndex: subtask);
            var mine = keys.Where(k => SubtaskOf(selector, k, 2) == subtask).ToArray();
            harness.ProcessBatch(Rows(mine.Select(k => Row(k, "x", 10, 1_000)).ToArray()));
            snapshots.Add(harness.Snapshot(1));
        }

        var restoredOutput = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(1)),
                parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(selector, k, newParallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Rows(mine.Select(k => Row(k, "y", 20, 2_000)).ToArray()));
            }

            harness.EndInput();
            restoredOutput.AddRange(Output(harness));
        }

        Assert.Equal(keys.Select(k => W0(k, "y", 20, 2, 1)).Order(StringComparer.Ordinal), restoredOutput.Order(StringComparer.Ordinal));
    }

    private static List<string> Fire(WindowRankOperator op, (string, object?[])[] rows)
    {
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Rows(rows));
        harness.EndInput();
        return Output(harness);
    }

    private static List<string> RunScript(int snapshotAfter)
    {
        var steps = new List<Action<OperatorHarness>>
        {
            h => h.ProcessBatch(Rows(Row("a", "x", 10, 1_000), Row("a", "y", 30, 12_000))),
            h => h.ProcessBatch(Rows(Row("a", "z", 20, 2_000), Row("b", "q", 5, 3_000))),
            h => h.ProcessWatermark(5_000),
            h => h.ProcessBatch(Rows(Row("a", "w", 40, 4_000), Row("a", "v", 50, 15_000))),
            h => h.ProcessWatermark(9_999),
            h => h.ProcessBatch(Rows(Row("a", "late", 60, 1_000), Row("b", "u", 1, 16_000))),
            h => h.EndInput(),
        };
        var output = new List<string>();
        var harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(2)));
        try
        {
            for (var i = 0; i < steps.Count; i++)
            {
                steps[i](harness);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(TopPrice(RankFunction.RowNumber, RankRange.Top(2)), restoreFrom: [snapshot]);
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

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Rows(Row(key, "x", 0, 1_000));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
