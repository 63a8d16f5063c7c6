using System.Globalization;
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

public sealed class RankOperatorTests
{
    /// <summary>(p, name, score): PARTITION BY p ORDER BY score DESC in most tests.</summary>
    private static readonly Schema Input = Schema.Of(
        new Field("p", DataTypes.String()),
        new Field("name", DataTypes.String()),
        new Field("score", DataTypes.BigInt()));

    private static RankOperator TopByScoreDesc(RankFunction function, RankRange range, bool withNumber, bool insertOnly = false) =>
        new(Input, [0], [RankSortKey.Desc(2)], function, range, withNumber ? "rn" : null, insertOnly);

    private static RecordBatch Rows(params (string, object?[])[] rows) => Batch(Input, rows);

    private static List<string> Feed(RankOperator op, params RecordBatch[] batches)
    {
        using var harness = new OperatorHarness(op);
        foreach (var batch in batches)
        {
            harness.ProcessBatch(batch);
        }

        return Output(harness);
    }

    [Fact]
    public void OutputSchema_AppendsNotNullBigIntRankColumn()
    {
        var op = TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(3), withNumber: true);
        Assert.Equal(["p", "name", "score", "rn"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.Equal(DataTypes.BigInt().NotNull(), op.OutputSchema[3].DataType);
        Assert.Same(Input, TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(3), withNumber: false).OutputSchema);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new RankOperator(Input, [0], [RankSortKey.Asc(7)], RankFunction.RowNumber, RankRange.Top(1)));
        Assert.Throws<ArgumentException>(() => new RankOperator(Input, [0], [RankSortKey.Asc(2)], RankFunction.RowNumber, RankRange.Top(1), "score"));
        Assert.Throws<ArgumentException>(() => new RankOperator(Input, [0], [RankSortKey.Asc(2)], RankFunction.RowNumber, default));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankRange(0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RankRange(3, 2));
    }

    [Fact]
    public void RowNumber_WithNumber_InsertShiftsRowsDownPositionByPosition()
    {
        // Flink's row-number algorithm: the new row takes its position; each row after it is retracted at the position
        // and replaced by its predecessor; a position that was empty gets +I; rows pushed beyond rank 2 simply vanish.
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true),
            Rows(R("+I", "a", "x", 10L)),
            Rows(R("+I", "a", "y", 20L)),
            Rows(R("+I", "a", "z", 15L), R("+I", "a", "w", 5L), R("+I", "b", "q", 1L)));
        Assert.Equal(
        [
            "+I[a, x, 10, 1]",
            "-U[a, x, 10, 1]", "+U[a, y, 20, 1]", "+I[a, x, 10, 2]",
            "-U[a, x, 10, 2]", "+U[a, z, 15, 2]",
            "+I[b, q, 1, 1]",
        ], output);
    }

    [Fact]
    public void RowNumber_WithoutNumber_EmitsOnlyRowsCrossingTheRange()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: false),
            Rows(R("+I", "a", "x", 10L), R("+I", "a", "y", 20L), R("+I", "a", "z", 15L), R("+I", "a", "w", 5L)));
        Assert.Equal(["+I[a, x, 10]", "+I[a, y, 20]", "-D[a, x, 10]", "+I[a, z, 15]"], output);
    }

    [Fact]
    public void RowNumber_EqualsOne_KeepsTheBestRowPerPartition()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(1), withNumber: false),
            Rows(R("+I", "a", "x", 10L), R("+I", "a", "y", 30L), R("+I", "a", "z", 20L), R("+I", "a", "t", 30L)));

        // t ties with y and arrived later, so it ranks after y.
        Assert.Equal(["+I[a, x, 10]", "-D[a, x, 10]", "+I[a, y, 30]"], output);
    }

    [Fact]
    public void RowNumber_Retraction_ShiftsRowsUpAndDeletesTheEmptiedPosition()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(3), withNumber: true),
            Rows(R("+I", "a", "r30", 30L), R("+I", "a", "r20", 20L), R("+I", "a", "r10", 10L), R("+I", "a", "r5", 5L)),
            Rows(R("-D", "a", "r20", 20L)),
            Rows(R("-D", "a", "r30", 30L)));
        Assert.Equal(
        [
            "+I[a, r30, 30, 1]", "+I[a, r20, 20, 2]", "+I[a, r10, 10, 3]",
            "-U[a, r20, 20, 2]", "+U[a, r10, 10, 2]", "-U[a, r10, 10, 3]", "+U[a, r5, 5, 3]",
            "-U[a, r30, 30, 1]", "+U[a, r10, 10, 1]", "-U[a, r10, 10, 2]", "+U[a, r5, 5, 2]", "-D[a, r5, 5, 3]",
        ], output);
    }

    [Fact]
    public void RowNumber_RetractionWithoutNumber_DeletesLeavingRowAndInsertsTheOneMovingIn()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(3), withNumber: false),
            Rows(R("+I", "a", "r30", 30L), R("+I", "a", "r20", 20L), R("+I", "a", "r10", 10L), R("+I", "a", "r5", 5L)),
            Rows(R("-D", "a", "r20", 20L)),
            Rows(R("-D", "a", "r30", 30L)));
        Assert.Equal(
        [
            "+I[a, r30, 30]", "+I[a, r20, 20]", "+I[a, r10, 10]",
            "-D[a, r20, 20]", "+I[a, r5, 5]",
            "-D[a, r30, 30]",
        ], output);
    }

    [Fact]
    public void RowNumber_UpdatingInput_RetractsAndReinsertsAsAggregatesChange()
    {
        // The input is the changelog of SELECT p, name, COUNT(*) ... GROUP BY p, name; ORDER BY the count DESC.
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true),
            Rows(R("+I", "a", "x", 1L), R("+I", "a", "y", 1L)),
            Rows(R("-U", "a", "y", 1L), R("+U", "a", "y", 2L)),
            Rows(R("-D", "a", "x", 1L)));
        Assert.Equal(
        [
            "+I[a, x, 1, 1]", "+I[a, y, 1, 2]",
            "-D[a, y, 1, 2]", "-U[a, x, 1, 1]", "+U[a, y, 2, 1]", "+I[a, x, 1, 2]",
            "-D[a, x, 1, 2]",
        ], output);
    }

    [Fact]
    public void RowNumber_RetractionOfUnknownRow_IsIgnored()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true),
            Rows(R("-D", "a", "x", 1L), R("+I", "a", "y", 4L), R("-U", "a", "y", 5L), R("-D", "a", "z", 4L)));
        Assert.Equal(["+I[a, y, 4, 1]"], output);
    }

    [Fact]
    public void RowNumber_Offset_WithNumber_EmitsOnlyPositionsInRange()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, new RankRange(2, 3), withNumber: true),
            Rows(R("+I", "a", "r30", 30L), R("+I", "a", "r20", 20L), R("+I", "a", "r10", 10L), R("+I", "a", "r40", 40L)));
        Assert.Equal(
        [
            "+I[a, r20, 20, 2]", "+I[a, r10, 10, 3]",
            "-U[a, r20, 20, 2]", "+U[a, r30, 30, 2]", "-U[a, r10, 10, 3]", "+U[a, r20, 20, 3]",
        ], output);
    }

    [Fact]
    public void RowNumber_Offset_WithoutNumber_InsertsRowShiftedIntoRange()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, new RankRange(2, 3), withNumber: false),
            Rows(R("+I", "a", "r30", 30L), R("+I", "a", "r20", 20L), R("+I", "a", "r10", 10L), R("+I", "a", "r40", 40L)),
            Rows(R("-D", "a", "r40", 40L)));
        Assert.Equal(
        [
            "+I[a, r20, 20]", "+I[a, r10, 10]",
            "-D[a, r10, 10]", "+I[a, r30, 30]",
            "-D[a, r30, 30]", "+I[a, r10, 10]",
        ], output);
    }

    [Fact]
    public void Rank_Ties_ShareRankAndLeaveGaps()
    {
        var output = Feed(TopByScoreDesc(RankFunction.Rank, RankRange.Top(2), withNumber: true),
            Rows(R("+I", "a", "A", 10L), R("+I", "a", "B", 20L), R("+I", "a", "C", 20L), R("+I", "a", "D", 30L)),
            Rows(R("-D", "a", "D", 30L)));
        Assert.Equal(
        [
            "+I[a, A, 10, 1]",
            "+I[a, B, 20, 1]", "-U[a, A, 10, 1]", "+U[a, A, 10, 2]",
            "+I[a, C, 20, 1]", "-D[a, A, 10, 2]",
            "+I[a, D, 30, 1]", "-U[a, B, 20, 1]", "+U[a, B, 20, 2]", "-U[a, C, 20, 1]", "+U[a, C, 20, 2]",
            "-D[a, D, 30, 1]", "-U[a, B, 20, 2]", "+U[a, B, 20, 1]", "-U[a, C, 20, 2]", "+U[a, C, 20, 1]",
        ], output);
    }

    [Fact]
    public void DenseRank_Ties_ShareRankWithoutGaps()
    {
        var output = Feed(TopByScoreDesc(RankFunction.DenseRank, RankRange.Top(2), withNumber: true),
            Rows(R("+I", "a", "A", 10L), R("+I", "a", "B", 20L), R("+I", "a", "C", 20L), R("+I", "a", "D", 30L)),
            Rows(R("-D", "a", "B", 20L)),
            Rows(R("-D", "a", "C", 20L)));
        Assert.Equal(
        [
            "+I[a, A, 10, 1]",
            "+I[a, B, 20, 1]", "-U[a, A, 10, 1]", "+U[a, A, 10, 2]",
            "+I[a, C, 20, 1]",
            "+I[a, D, 30, 1]", "-U[a, B, 20, 1]", "+U[a, B, 20, 2]", "-U[a, C, 20, 1]", "+U[a, C, 20, 2]", "-D[a, A, 10, 2]",
            "-D[a, B, 20, 2]",
            "-D[a, C, 20, 2]", "+I[a, A, 10, 2]",
        ], output);
    }

    [Fact]
    public void Rank_WithoutNumber_EmitsOnlyRowsEnteringOrLeaving()
    {
        var output = Feed(TopByScoreDesc(RankFunction.Rank, RankRange.Top(2), withNumber: false),
            Rows(R("+I", "a", "A", 10L), R("+I", "a", "B", 20L), R("+I", "a", "C", 20L), R("+I", "a", "D", 30L)));
        Assert.Equal(["+I[a, A, 10]", "+I[a, B, 20]", "+I[a, C, 20]", "-D[a, A, 10]", "+I[a, D, 30]"], output);
    }

    [Fact]
    public void NullSortKeys_FollowFlinkDefaults_FirstAscendingLastDescending()
    {
        var ascending = Feed(new RankOperator(Input, [0], [RankSortKey.Asc(2)], RankFunction.RowNumber, RankRange.Top(2), "rn"),
            Rows(R("+I", "a", "five", 5L), R("+I", "a", "none", null), R("+I", "a", "three", 3L)));
        Assert.Equal(
        [
            "+I[a, five, 5, 1]",
            "-U[a, five, 5, 1]", "+U[a, none, null, 1]", "+I[a, five, 5, 2]",
            "-U[a, five, 5, 2]", "+U[a, three, 3, 2]",
        ], ascending);

        var descending = Feed(new RankOperator(Input, [0], [RankSortKey.Desc(2)], RankFunction.RowNumber, RankRange.Top(2), "rn"),
            Rows(R("+I", "a", "five", 5L), R("+I", "a", "none", null), R("+I", "a", "three", 3L)));
        Assert.Equal(["+I[a, five, 5, 1]", "+I[a, none, null, 2]", "-U[a, none, null, 2]", "+U[a, three, 3, 2]"], descending);

        var descendingNullsFirst = Feed(new RankOperator(Input, [0], [new RankSortKey(2, Descending: true, NullsFirst: true)], RankFunction.RowNumber, RankRange.Top(1)),
            Rows(R("+I", "a", "five", 5L), R("+I", "a", "none", null)));
        Assert.Equal(["+I[a, five, 5]", "-D[a, five, 5]", "+I[a, none, null]"], descendingNullsFirst);
    }

    [Fact]
    public void NullPartitionKey_IsAPartitionOfItsOwn()
    {
        var output = Feed(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(1), withNumber: true),
            Rows(R("+I", null, "x", 1L), R("+I", "a", "y", 2L), R("+I", null, "z", 3L)));
        Assert.Equal(["+I[null, x, 1, 1]", "+I[a, y, 2, 1]", "-U[null, x, 1, 1]", "+U[null, z, 3, 1]"], output);
    }

    [Fact]
    public void FloatingSortKey_OrdersAsJavaDoubleCompare()
    {
        // Flink compares DOUBLE keys like Java's Double.compare: -Infinity < -1 < -0.0 < 0.0 < 1 < Infinity < NaN.
        var schema = Schema.Of(new Field("p", DataTypes.Int()), new Field("d", DataTypes.Double()));
        double[] values = [double.NaN, 1.0, -0.0, double.PositiveInfinity, 0.0, -1.0, double.NegativeInfinity];
        using var harness = new OperatorHarness(new RankOperator(schema, [0], [RankSortKey.Asc(1)], RankFunction.DenseRank, RankRange.Top(100), "r"));
        harness.ProcessBatch(Batch(schema, values.Select(v => R("+I", 1, v)).ToArray()));
        var final = Materialize(Output(harness));
        Assert.Equal(
        [
            "[1, -0, 3]", "[1, -1, 2]", "[1, -Infinity, 1]", "[1, 0, 4]", "[1, 1, 5]", "[1, Infinity, 6]", "[1, NaN, 7]",
        ], final);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StringSortKey_OrdersByUnsignedUtf8Bytes(bool descending)
    {
        var schema = Schema.Of(new Field("p", DataTypes.Int()), new Field("s", DataTypes.String()));
        string?[] ascending = [null, "", "a", "a\u0000", "a\u0000b", "ab", "b", "z", "\u00e9"];
        var key = descending ? RankSortKey.Desc(1) : RankSortKey.Asc(1);
        using var harness = new OperatorHarness(new RankOperator(schema, [0], [key], RankFunction.RowNumber, RankRange.Top(100), "r"));
        harness.ProcessBatch(Batch(schema, ascending.Reverse().Select(v => R("+I", 1, v)).ToArray()));
        var rankOf = Materialize(Output(harness)).ToDictionary(
            row => row[4..row.LastIndexOf(',')],
            row => int.Parse(row[(row.LastIndexOf(' ') + 1)..^1], CultureInfo.InvariantCulture));

        // ASC NULLS FIRST: null, then by bytes; DESC NULLS LAST: by bytes descending, then null.
        string?[] expectedOrder = descending ? [.. ascending[1..].Reverse(), null] : ascending;
        Assert.Equal(Enumerable.Range(1, ascending.Length), expectedOrder.Select(v => rankOf[v ?? "null"]));
    }

    [Fact]
    public void InsertOnlyInput_Retraction_Throws()
    {
        using var harness = new OperatorHarness(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true, insertOnly: true));
        harness.ProcessBatch(Rows(R("+I", "a", "x", 1L)));
        var failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Rows(R("-D", "a", "x", 1L))));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        RecordBatch[] Script() =>
        [
            Rows(R("+I", "a", "x", 10L), R("+I", "b", "y", 5L)),
            Rows(R("+I", "a", "z", 20L), R("+I", "a", "w", 15L)),
            Rows(R("-D", "a", "z", 20L), R("+I", "b", "v", 7L)),
            Rows(R("-U", "a", "x", 10L), R("+U", "a", "x", 30L), R("+I", "a", "u", 1L)),
        ];

        foreach (var function in new[] { RankFunction.RowNumber, RankFunction.Rank, RankFunction.DenseRank })
        {
            RankOperator NewOp() => TopByScoreDesc(function, RankRange.Top(2), withNumber: true);
            var expected = Run(NewOp, Script(), snapshotAfter: -1);
            var actual = Run(NewOp, Script(), snapshotAfter: 1);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Snapshot_OfTwoSubtasks_RestoresAtAnotherParallelism(int newParallelism)
    {
        var keys = Enumerable.Range(0, 40).Select(i => $"key{i}").ToArray();
        var selector = new RecordBatchKeySelector([0]);
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true), parallelism: 2, subtaskIndex: subtask);
            var mine = keys.Where(k => SubtaskOf(selector, k, 2) == subtask).ToArray();
            harness.ProcessBatch(Rows(mine.Select(k => R("+I", k, "x", 10L)).ToArray()));
            snapshots.Add(harness.Snapshot(1));
        }

        var restoredOutput = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(TopByScoreDesc(RankFunction.RowNumber, RankRange.Top(2), withNumber: true),
                parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(selector, k, newParallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Rows(mine.Select(k => R("+I", k, "y", 20L)).ToArray()));
            }

            restoredOutput.AddRange(Output(harness));
        }

        // Every key already held x at rank 1: y goes first and x moves to rank 2.
        var expected = keys.SelectMany(k => new[] { $"-U[{k}, x, 10, 1]", $"+U[{k}, y, 20, 1]", $"+I[{k}, x, 10, 2]" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, restoredOutput.Order(StringComparer.Ordinal));
    }

    public static TheoryData<RankFunction, long, long, bool> RandomCases()
    {
        var data = new TheoryData<RankFunction, long, long, bool>();
        foreach (var function in new[] { RankFunction.RowNumber, RankFunction.Rank, RankFunction.DenseRank })
        {
            foreach (var (start, end) in new[] { (1L, 1L), (1L, 3L), (2L, 4L) })
            {
                data.Add(function, start, end, true);
                data.Add(function, start, end, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomChangelog_MaterializedView_EqualsLinqTopN(RankFunction function, long start, long end, bool withNumber)
    {
        foreach (var seed in new[] { 1, 7, 42 })
        {
            var reference = new RandomTopN(seed, function, new RankRange(start, end), withNumber);
            var op = reference.NewOperator(insertOnly: false);
            using var harness = new OperatorHarness(op);
            foreach (var batch in reference.ChangelogBatches(withRetractions: true))
            {
                harness.ProcessBatch(batch);
            }

            Assert.Equal(reference.Expected(), Materialize(Output(harness)));
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomChangelog_WholeBatchesOrRowByRow_EmitTheSameChanges(RankFunction function, long start, long end, bool withNumber)
    {
        // A batch's output is gathered from the rows it decodes once each (a row shifted by several inserts of the batch
        // is emitted several times): it must be exactly what the same rows emit one batch at a time.
        foreach (var withRetractions in new[] { true, false })
        {
            var reference = new RandomTopN(5, function, new RankRange(start, end), withNumber);
            using var whole = new OperatorHarness(reference.NewOperator(insertOnly: !withRetractions));
            using var single = new OperatorHarness(reference.NewOperator(insertOnly: !withRetractions));
            foreach (var batch in reference.ChangelogBatches(withRetractions))
            {
                for (var i = 0; i < batch.RowCount; i++)
                {
                    single.ProcessBatch(batch.Gather([i]));
                }

                whole.ProcessBatch(batch);
            }

            Assert.Equal(Output(single), Output(whole));
        }
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void RandomInsertOnly_WithBoundedState_EqualsLinqTopN(RankFunction function, long start, long end, bool withNumber)
    {
        foreach (var seed in new[] { 3, 11 })
        {
            var reference = new RandomTopN(seed, function, new RankRange(start, end), withNumber);
            using var bounded = new OperatorHarness(reference.NewOperator(insertOnly: true));
            using var unbounded = new OperatorHarness(reference.NewOperator(insertOnly: false));
            foreach (var batch in reference.ChangelogBatches(withRetractions: false))
            {
                bounded.ProcessBatch(batch.Gather(Enumerable.Range(0, batch.RowCount).ToArray()));
                unbounded.ProcessBatch(batch);
            }

            Assert.Equal(reference.Expected(), Materialize(Output(bounded)));
            Assert.Equal(Output(unbounded), Output(bounded));
        }
    }

    private static List<string> Run(Func<RankOperator> newOperator, IEnumerable<RecordBatch> script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(newOperator());
        try
        {
            var index = 0;
            foreach (var batch in script)
            {
                harness.ProcessBatch(batch);
                if (index++ == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(newOperator(), restoreFrom: [snapshot]);
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
        using var batch = Rows(R("+I", key, "x", 0L));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }

    /// <summary>
    /// A random changelog over (p, s1 INT, s2 STRING, v BIGINT) with PARTITION BY p ORDER BY s1 ASC NULLS FIRST,
    /// s2 DESC NULLS LAST, and the Top-N computed from its net rows with LINQ.
    /// </summary>
    private sealed class RandomTopN(int seed, RankFunction function, RankRange range, bool withNumber)
    {
        private static readonly Schema Schema4 = Schema.Of(
            new Field("p", DataTypes.String()),
            new Field("s1", DataTypes.Int()),
            new Field("s2", DataTypes.String()),
            new Field("v", DataTypes.BigInt()));

        private readonly List<(string P, int? S1, string? S2, long V)> _live = [];

        public RankOperator NewOperator(bool insertOnly) =>
            new(Schema4, [0], [RankSortKey.Asc(1), RankSortKey.Desc(2)], function, range, withNumber ? "rank" : null, insertOnly);

        public IEnumerable<RecordBatch> ChangelogBatches(bool withRetractions)
        {
            _live.Clear();
            var random = new Random(seed);
            for (var b = 0; b < 40; b++)
            {
                var rows = new List<(string, object?[])>();
                for (var r = random.Next(1, 10); r > 0; r--)
                {
                    if (withRetractions && _live.Count > 0 && random.NextDouble() < 0.4)
                    {
                        var victim = _live[random.Next(_live.Count)];
                        _live.Remove(victim);
                        rows.Add(R(random.Next(2) == 0 ? "-D" : "-U", victim.P, victim.S1, victim.S2, victim.V));
                    }
                    else if (withRetractions && random.NextDouble() < 0.05)
                    {
                        rows.Add(R("-D", "p0", 99, "nope", 0L));
                    }
                    else
                    {
                        var row = ($"p{random.Next(3)}", random.Next(6) == 0 ? (int?)null : random.Next(4),
                            random.Next(5) == 0 ? null : ((char)('a' + random.Next(3))).ToString(), (long)random.Next(3));
                        _live.Add(row);
                        rows.Add(R(withRetractions && random.Next(2) == 0 ? "+U" : "+I", row.Item1, row.Item2, row.Item3, row.Item4));
                    }
                }

                yield return Batch(Schema4, [.. rows]);
            }
        }

        public List<string> Expected()
        {
            var result = new List<string>();
            foreach (var partition in _live.GroupBy(r => r.P))
            {
                // OrderBy is stable: ties keep arrival order, as ROW_NUMBER does.
                var sorted = partition.OrderBy(r => r, Comparer<(string P, int? S1, string? S2, long V)>.Create(Compare)).ToList();
                for (var i = 0; i < sorted.Count; i++)
                {
                    var rank = function switch
                    {
                        RankFunction.RowNumber => i + 1L,
                        RankFunction.Rank => 1L + sorted.Count(o => Compare(o, sorted[i]) < 0),
                        _ => 1L + sorted.Where(o => Compare(o, sorted[i]) < 0).Select(o => (o.S1, o.S2)).Distinct().Count(),
                    };
                    if (range.Contains(rank))
                    {
                        var r = sorted[i];
                        var text = $"[{r.P}, {r.S1?.ToString(CultureInfo.InvariantCulture) ?? "null"}, {r.S2 ?? "null"}, {r.V}";
                        result.Add(withNumber ? $"{text}, {rank}]" : $"{text}]");
                    }
                }
            }

            result.Sort(StringComparer.Ordinal);
            return result;
        }

        private static int Compare((string P, int? S1, string? S2, long V) x, (string P, int? S1, string? S2, long V) y)
        {
            // s1 ASC NULLS FIRST
            var c = (x.S1, y.S1) switch
            {
                (null, null) => 0,
                (null, _) => -1,
                (_, null) => 1,
                ({ } a, { } b) => a.CompareTo(b),
            };
            if (c != 0)
            {
                return c;
            }

            // s2 DESC NULLS LAST
            return (x.S2, y.S2) switch
            {
                (null, null) => 0,
                (null, _) => 1,
                (_, null) => -1,
                ({ } a, { } b) => -string.CompareOrdinal(a, b),
            };
        }
    }
}
