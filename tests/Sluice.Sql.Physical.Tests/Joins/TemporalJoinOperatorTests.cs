using Sluice.Core.Errors;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Joins.TimedRows;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

public sealed class TemporalJoinOperatorTests
{
    private static readonly Schema Orders = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("o", DataTypes.String()), new Field("ot", DataTypes.Timestamp(3)));

    private static readonly Schema Rates = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("rate", DataTypes.Int()), new Field("vt", DataTypes.Timestamp(3)));

    /// <summary>Key 1: 10 from 100, 11 from 200, deleted at 300, 13 from 400; the -U is a before-image and changes nothing.</summary>
    private static readonly (string, object?[])[] Versions =
    [
        R("+I", 1, 10, T(100)),
        R("+U", 1, 11, T(200)),
        R("-U", 1, 99, T(150)),
        R("-D", 1, 11, T(300)),
        R("+I", 1, 13, T(400)),
    ];

    /// <summary>The left rows of <see cref="Versions"/>' tests, by time, with the version each one sees (null: none).</summary>
    private static readonly string[] ExpectedLeftJoin =
    [
        "+I[1, a, 50, null, null, null]",
        "+I[1, b, 100, 1, 10, 100]",
        "+I[2, i, 101, null, null, null]",
        "+I[1, c, 199, 1, 10, 100]",
        "+I[1, d, 200, 1, 11, 200]",
        "+I[1, e, 299, 1, 11, 200]",
        "+I[1, f, 300, null, null, null]",
        "+I[1, g, 399, null, null, null]",
        "+I[1, h, 400, 1, 13, 400]",
    ];

    private static TemporalJoinOperator NewJoin(JoinKind kind) => new(Orders, Rates, [0], [0], kind, 2, 2);

    [Fact]
    public void OutputSchema_IsLeftThenNullableRight_WithTheLeftRowTime()
    {
        var schema = NewJoin(JoinKind.Left).OutputSchema;
        Assert.Equal(["k", "o", "ot", "rk", "rate", "vt"], schema.Fields.Select(f => f.Name));
        Assert.Equal(2, schema.RowTimeIndex);
        Assert.Throws<ArgumentException>(() => NewJoin(JoinKind.Right));
        Assert.Throws<ArgumentException>(() => NewJoin(JoinKind.Full));
        Assert.Throws<ArgumentException>(() => new TemporalJoinOperator(Orders, Rates, [0], [0], JoinKind.Left, 1, 2));

        // Both sides may use the same names: the right one is renamed, as in a regular join.
        var sameNames = new TemporalJoinOperator(Orders, Orders, [0], [0], JoinKind.Inner, 2, 2).OutputSchema;
        Assert.Equal(["k", "o", "ot", "k0", "o0", "ot0"], sameNames.Fields.Select(f => f.Name));
    }

    [Fact]
    public void Left_EachRowSeesTheVersionValidAtItsTime_IncludingDeletes_InTimeOrder()
    {
        Assert.Equal(ExpectedLeftJoin, RunVersionScript(JoinKind.Left, Versions));
    }

    [Fact]
    public void Inner_RowsWithoutAValidVersion_AreDropped()
    {
        Assert.Equal(ExpectedLeftJoin.Where(r => !r.EndsWith("null, null, null]", StringComparison.Ordinal)), RunVersionScript(JoinKind.Inner, Versions));
    }

    [Fact]
    public void VersionsArrivingOutOfOrder_GiveTheSameResult()
    {
        Assert.Equal(ExpectedLeftJoin, RunVersionScript(JoinKind.Left, Versions.Reverse().ToArray()));
        Assert.Equal(ExpectedLeftJoin, RunVersionScript(JoinKind.Left, [Versions[3], Versions[0], Versions[4], Versions[2], Versions[1]]));
    }

    [Fact]
    public void LeftRows_WaitForTheWatermark_AndSeeVersionsThatArriveMeanwhile()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.ProcessBatch(Batch(Rates, R("+I", 1, 10, T(100)), R("+I", 1, 20, T(200))), 1);
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "c", T(250)), R("+I", 1, "a", T(100)), R("+I", 1, "b", T(150))), 0);
        Assert.Empty(TimedOutput(harness));

        harness.ProcessWatermark(149);
        Assert.Equal(["+I[1, a, 100, 1, 10, 100]"], TimedOutput(harness));
        Assert.Equal([149L], harness.OutputWatermarks);
        harness.ClearOutput();

        // b (150) is still buffered: a version from 120 on arrives in time for it.
        harness.ProcessBatch(Batch(Rates, R("+U", 1, 12, T(120))), 1);
        harness.ProcessWatermark(300);
        Assert.Equal(["+I[1, b, 150, 1, 12, 120]", "+I[1, c, 250, 1, 20, 200]"], TimedOutput(harness));
    }

    [Fact]
    public void LateLeftRows_AreJoinedAtOnceWithTheVersionsStillStored()
    {
        var op = NewJoin(JoinKind.Left);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Rates, R("+I", 1, 10, T(100)), R("+I", 1, 20, T(300))), 1);
        harness.ProcessWatermark(500);
        harness.ClearOutput();

        // Behind the watermark: joined at once, as Flink joins them at its next watermark, with what is still stored.
        // The watermark cleaned up the version from 100 (the one from 300 is the latest at or before 500), so a row
        // at 200 finds none and is padded; one at 400 sees the version from 300.
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "late", T(200)), R("+I", 1, "late2", T(400)), R("+I", 1, "ok", T(501))), 0);
        Assert.Equal(["+I[1, late, 200, null, null, null]", "+I[1, late2, 400, 1, 20, 300]"], TimedOutput(harness));
        harness.ClearOutput();
        harness.EndInput();
        Assert.Equal(["+I[1, ok, 501, 1, 20, 300]"], TimedOutput(harness));
        Assert.Equal(2, op.LateRows);
    }

    [Fact]
    public void NullKeyOrTime_NeverMatches_AndRightRowsWithNullsAreIgnored()
    {
        var orders = new[] { R("+I", null, "a", T(100)), R("+I", 1, "b", null), R("+I", 1, "c", T(100)) };
        using var left = new OperatorHarness(NewJoin(JoinKind.Left));
        left.ProcessBatch(Batch(Rates, R("+I", null, 5, T(0)), R("+I", 1, 7, null)), 1);
        left.ProcessBatch(Batch(Orders, orders), 0);
        Assert.Equal(["+I[null, a, 100, null, null, null]", "+I[1, b, null, null, null, null]"], TimedOutput(left));
        left.ClearOutput();
        left.EndInput();
        Assert.Equal(["+I[1, c, 100, null, null, null]"], TimedOutput(left));

        using var inner = new OperatorHarness(NewJoin(JoinKind.Inner));
        inner.ProcessBatch(Batch(Orders, orders), 0);
        inner.EndInput();
        Assert.Empty(TimedOutput(inner));
    }

    [Fact]
    public void UpdatingProbeSide_IsRejected()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Orders, R("+U", 1, "a", T(1))), 0));
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Watermark_CleansUpVersionsNoLongerNeeded()
    {
        // 50 versions, then a watermark past all of them: only the latest can still be seen by a future left row,
        // so the state is as small as that of an operator that only ever saw the latest version.
        var all = Snapshot(Enumerable.Range(1, 50).Select(v => R("+U", 1, v, T(v))).ToArray(), watermark: null);
        var cleaned = Snapshot(Enumerable.Range(1, 50).Select(v => R("+U", 1, v, T(v))).ToArray(), watermark: 100);
        var latestOnly = Snapshot([R("+U", 1, 50, T(50))], watermark: 100);
        Assert.Equal(latestOnly, cleaned);
        Assert.True(all > cleaned);

        // A deletion as the latest version leaves nothing behind.
        var deleted = Snapshot([R("+I", 1, 1, T(10)), R("-D", 1, 1, T(20))], watermark: 100);
        var empty = Snapshot([], watermark: 100);
        Assert.Equal(empty, deleted);

        // What remains still answers later rows.
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.ProcessBatch(Batch(Rates, Enumerable.Range(1, 50).Select(v => R("+U", 1, v, T(v))).ToArray()), 1);
        harness.ProcessWatermark(100);
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "z", T(101))), 0);
        harness.EndInput();
        Assert.Equal(["+I[1, z, 101, 1, 50, 50]"], TimedOutput(harness));
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    public void Snapshot_RestoreAtEveryStep_MatchesUninterruptedRun(JoinKind kind)
    {
        var script = new (int Input, (string, object?[])[]? Rows, long Watermark)[]
        {
            (1, [R("+I", 1, 10, T(100)), R("+I", 2, 20, T(100))], 0),
            (0, [R("+I", 1, "a", T(150)), R("+I", 2, "b", T(90)), R("+I", 3, "c", T(120))], 0),
            (0, null, 110),
            (1, [R("+U", 1, 11, T(140)), R("-D", 2, 20, T(130))], 0),
            (0, [R("+I", 2, "d", T(135)), R("+I", 1, "e", T(200))], 0),
            (0, null, 160),
            (1, [R("+I", 3, 30, T(170))], 0),
            (0, [R("+I", 3, "f", T(171))], 0),
        };
        var expected = Run(kind, script, -1);
        Assert.NotEmpty(expected);
        for (var at = 0; at < script.Length; at++)
        {
            Assert.Equal(expected, Run(kind, script, at));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Snapshot_OfTwoSubtasks_RestoresAtAnotherParallelism(int newParallelism)
    {
        var keys = Enumerable.Range(0, 40).ToArray();
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(NewJoin(JoinKind.Left), parallelism: 2, subtaskIndex: subtask);
            var mine = keys.Where(k => SubtaskOf(k, 2) == subtask).ToArray();
            harness.ProcessBatch(Batch(Rates, mine.Where(k => k % 2 == 0).Select(k => R("+I", k, k * 10, T(100))).ToArray()), 1);
            harness.ProcessBatch(Batch(Orders, mine.Select(k => R("+I", k, $"o{k}", T(150))).ToArray()), 0);
            snapshots.Add(harness.Snapshot(1));
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(NewJoin(JoinKind.Left), parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(k, newParallelism) == subtask && k % 4 == 0).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Rates, mine.Select(k => R("+U", k, k * 100, T(140))).ToArray()), 1);
            }

            harness.EndInput();
            output.AddRange(TimedOutput(harness));
        }

        var expected = keys.Select(k => k % 4 == 0 ? $"+I[{k}, o{k}, 150, {k}, {k * 100}, 140]"
            : k % 2 == 0 ? $"+I[{k}, o{k}, 150, {k}, {k * 10}, 100]"
            : $"+I[{k}, o{k}, 150, null, null, null]");
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    /// <summary>Versions first, then the left rows of <see cref="ExpectedLeftJoin"/> out of order over three batches, then a watermark.</summary>
    private static List<string> RunVersionScript(JoinKind kind, (string, object?[])[] versions)
    {
        using var harness = new OperatorHarness(NewJoin(kind));
        harness.ProcessBatch(Batch(Rates, versions), 1);
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "h", T(400)), R("+I", 1, "a", T(50)), R("+I", 1, "e", T(299))), 0);
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "c", T(199)), R("+I", 2, "i", T(101)), R("+I", 1, "b", T(100))), 0);
        harness.ProcessBatch(Batch(Orders, R("+I", 1, "g", T(399)), R("+I", 1, "d", T(200)), R("+I", 1, "f", T(300))), 0);
        harness.ProcessWatermark(1000);
        return TimedOutput(harness);
    }

    private static long Snapshot((string, object?[])[] versions, long? watermark)
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.Open();
        if (versions.Length > 0)
        {
            harness.ProcessBatch(Batch(Rates, versions), 1);
        }

        if (watermark is { } w)
        {
            harness.ProcessWatermark(w);
        }

        return harness.Snapshot(1).Size;
    }

    private static List<string> Run(JoinKind kind, (int Input, (string, object?[])[]? Rows, long Watermark)[] script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewJoin(kind));
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                var (input, rows, watermark) = script[i];
                if (rows is null)
                {
                    harness.ProcessWatermark(watermark);
                }
                else
                {
                    harness.ProcessBatch(Batch(input == 0 ? Orders : Rates, rows), input);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(TimedOutput(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(NewJoin(kind), restoreFrom: [snapshot]);
                }
            }

            harness.EndInput();
            output.AddRange(TimedOutput(harness));
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    private static int SubtaskOf(int key, int parallelism)
    {
        using var batch = Batch(Orders, R("+I", key, "", T(0)));
        Span<int> hash = stackalloc int[1];
        new RecordBatchKeySelector([0]).ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
