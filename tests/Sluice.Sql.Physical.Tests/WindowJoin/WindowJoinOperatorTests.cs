using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators.WindowJoin;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.WindowJoin;

public sealed class WindowJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(
        new Field("id", DataTypes.Int()),
        new Field("l", DataTypes.String()),
        new Field("window_start", DataTypes.Timestamp(3)),
        new Field("window_end", DataTypes.Timestamp(3)));

    private static readonly Schema Right = Schema.Of(
        new Field("rid", DataTypes.Int()),
        new Field("r", DataTypes.String()),
        new Field("window_start", DataTypes.Timestamp(3)),
        new Field("window_end", DataTypes.Timestamp(3)));

    private static readonly WindowColumns Windows = new(2, 3);

    private static WindowJoinOperator NewJoin(WindowJoinKind kind, BoundExpression? condition = null) =>
        new(Left, Right, [0], [0], Windows, Windows, kind, condition);

    private static DateTime T(long seconds) => DateTime.UnixEpoch.AddSeconds(seconds);

    /// <summary>A row of window [start, start + 10 s).</summary>
    private static (string, object?[]) Row(int? id, string value, long start = 0) => R("+I", id, value, T(start), T(start + 10));

    private static string Ts(long seconds) => $"1970-01-01T00:00:{seconds:00}";

    private static string Side(int? id, string? value, long start) =>
        value is null ? "null, null, null, null" : $"{id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}, {value}, {Ts(start)}, {Ts(start + 10)}";

    /// <summary>The output row string of a joined (or padded: value null) pair in window [start, start + 10 s).</summary>
    private static string J(int? id, string? l, int? rid, string? r, long start = 0) => $"+I[{Side(id, l, start)}, {Side(rid, r, start)}]";

    /// <summary>The output row string of a SEMI/ANTI left row.</summary>
    private static string L(int? id, string l, long start = 0) => $"+I[{Side(id, l, start)}]";

    private static BoundExpression LessThan(int leftColumn, int rightColumn) =>
        BoundCall.Create(BuiltInFunctions.LessThan, DataTypes.Boolean(),
            new BoundInputRef(leftColumn, "l", DataTypes.String()), new BoundInputRef(rightColumn, "r", DataTypes.String()));

    [Fact]
    public void OutputSchema_LeftThenRight_RepeatedNamesSuffixed_PaddedSideNullable()
    {
        var full = NewJoin(WindowJoinKind.Full).OutputSchema;
        Assert.Equal(["id", "l", "window_start", "window_end", "rid", "r", "window_start0", "window_end0"], full.Fields.Select(f => f.Name));
        Assert.Equal(-1, full.RowTimeIndex);
        var notNullLeft = Schema.Of(new Field("id", DataTypes.Int().NotNull()), new Field("ws", DataTypes.Timestamp(3).NotNull()), new Field("we", DataTypes.Timestamp(3).NotNull()));
        var left = new WindowJoinOperator(notNullLeft, notNullLeft, [0], [0], new(1, 2), new(1, 2), WindowJoinKind.Left).OutputSchema;
        Assert.False(left[0].DataType.IsNullable);
        Assert.True(left[3].DataType.IsNullable);
        var right = new WindowJoinOperator(notNullLeft, notNullLeft, [0], [0], new(1, 2), new(1, 2), WindowJoinKind.Right).OutputSchema;
        Assert.True(right[0].DataType.IsNullable);
        Assert.False(right[3].DataType.IsNullable);
        Assert.Same(Left, NewJoin(WindowJoinKind.Semi).OutputSchema);
        Assert.Same(Left, NewJoin(WindowJoinKind.Anti).OutputSchema);
    }

    [Fact]
    public void Constructor_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new WindowJoinOperator(Left, Right, [0], [], Windows, Windows, WindowJoinKind.Inner));
        Assert.Throws<ArgumentException>(() => new WindowJoinOperator(Left, Right, [0], [1], Windows, Windows, WindowJoinKind.Inner));
        Assert.Throws<ArgumentException>(() => new WindowJoinOperator(Left, Right, [0], [0], new(1, 3), Windows, WindowJoinKind.Inner));
        Assert.Throws<ArgumentException>(() => new WindowJoinOperator(Left, Right, [0], [0], Windows, new(2, 9), WindowJoinKind.Inner));
    }

    public static TheoryData<WindowJoinKind, string[]> KindCases() => new()
    {
        { WindowJoinKind.Inner, [J(1, "a", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "x"), J(1, "b", 1, "y")] },
        {
            WindowJoinKind.Left,
            [J(1, "a", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "x"), J(1, "b", 1, "y"), J(2, "c", null, null), J(null, "n", null, null)]
        },
        {
            WindowJoinKind.Right,
            [J(1, "a", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "x"), J(1, "b", 1, "y"), J(null, null, 3, "z"), J(null, null, null, "m")]
        },
        {
            WindowJoinKind.Full,
            [
                J(1, "a", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "x"), J(1, "b", 1, "y"),
                J(2, "c", null, null), J(null, "n", null, null), J(null, null, 3, "z"), J(null, null, null, "m"),
            ]
        },
        { WindowJoinKind.Semi, [L(1, "a"), L(1, "b")] },
        { WindowJoinKind.Anti, [L(2, "c"), L(null, "n")] },
    };

    [Theory]
    [MemberData(nameof(KindCases))]
    public void EveryKind_OverKeysWithAndWithoutMatchesAndNullKeys_EmitsItsRows(WindowJoinKind kind, string[] expected)
    {
        using var harness = new OperatorHarness(NewJoin(kind));
        harness.ProcessBatch(Batch(Left, Row(1, "a"), Row(2, "c"), Row(null, "n")), 0);
        harness.ProcessBatch(Batch(Right, Row(1, "x"), Row(3, "z"), Row(null, "m")), 1);
        harness.ProcessBatch(Batch(Left, Row(1, "b")), 0);
        harness.ProcessBatch(Batch(Right, Row(1, "y")), 1);
        harness.ProcessWatermark(9_998);
        Assert.Empty(Output(harness));

        harness.ProcessWatermark(9_999);
        Assert.Equal(expected.Order(StringComparer.Ordinal), Output(harness).Order(StringComparer.Ordinal));
        Assert.Equal([9_998L, 9_999L], harness.OutputWatermarks);
    }

    [Fact]
    public void OrderWithinAWindow_LeftMajor_ButRightMajorForRightJoin()
    {
        foreach (var (kind, expected) in new[]
        {
            (WindowJoinKind.Inner, new[] { J(1, "a", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "x"), J(1, "b", 1, "y") }),
            (WindowJoinKind.Right, new[] { J(1, "a", 1, "x"), J(1, "b", 1, "x"), J(1, "a", 1, "y"), J(1, "b", 1, "y") }),
        })
        {
            using var harness = new OperatorHarness(NewJoin(kind));
            harness.ProcessBatch(Batch(Right, Row(1, "x")), 1);
            harness.ProcessBatch(Batch(Left, Row(1, "a"), Row(1, "b")), 0);
            harness.ProcessBatch(Batch(Right, Row(1, "y")), 1);
            harness.EndInput();
            Assert.Equal(expected, Output(harness));
        }
    }

    [Fact]
    public void ResidualCondition_DecidesMatches_ForEveryKind()
    {
        // ON l.id = r.rid AND l.l < r.r; left a, c, z; right b, d, a. Matches: a<b, a<d, c<d.
        var expected = new Dictionary<WindowJoinKind, string[]>
        {
            [WindowJoinKind.Inner] = [J(1, "a", 1, "b"), J(1, "a", 1, "d"), J(1, "c", 1, "d")],
            [WindowJoinKind.Left] = [J(1, "a", 1, "b"), J(1, "a", 1, "d"), J(1, "c", 1, "d"), J(1, "z", null, null)],
            [WindowJoinKind.Right] = [J(1, "a", 1, "b"), J(1, "a", 1, "d"), J(1, "c", 1, "d"), J(null, null, 1, "a")],
            [WindowJoinKind.Full] = [J(1, "a", 1, "b"), J(1, "a", 1, "d"), J(1, "c", 1, "d"), J(1, "z", null, null), J(null, null, 1, "a")],
            [WindowJoinKind.Semi] = [L(1, "a"), L(1, "c")],
            [WindowJoinKind.Anti] = [L(1, "z")],
        };
        foreach (var (kind, rows) in expected)
        {
            using var harness = new OperatorHarness(NewJoin(kind, LessThan(1, 5)));
            harness.ProcessBatch(Batch(Left, Row(1, "a"), Row(1, "c"), Row(1, "z")), 0);
            harness.ProcessBatch(Batch(Right, Row(1, "b"), Row(1, "d"), Row(1, "a")), 1);
            harness.EndInput();
            Assert.Equal(rows, Output(harness));
        }
    }

    [Fact]
    public void ResidualCondition_ManyCandidates_SpanSeveralEvaluationBatches()
    {
        // 40 x 40 pairs (more than one candidate batch); a match needs the left value below the right one.
        var values = Enumerable.Range(0, 40).Select(i => $"v{i:00}").ToArray();
        using var harness = new OperatorHarness(NewJoin(WindowJoinKind.Inner, LessThan(1, 5)));
        harness.ProcessBatch(Batch(Left, values.Select(v => Row(7, v)).ToArray()), 0);
        harness.ProcessBatch(Batch(Right, values.Reverse().Select(v => Row(7, v)).ToArray()), 1);
        harness.EndInput();
        var expected = values.SelectMany(l => values.Reverse().Where(r => string.CompareOrdinal(l, r) < 0).Select(r => J(7, l, 7, r))).ToList();
        Assert.Equal(40 * 39 / 2, expected.Count);
        Assert.Equal(expected, Output(harness));
    }

    [Fact]
    public void Windows_JoinOnlyRowsOfTheSameWindow()
    {
        // Hopping windows of 10 s every 5 s: the left row is in [0, 10) and [5, 15), the right row only in [5, 15).
        using var harness = new OperatorHarness(NewJoin(WindowJoinKind.Left));
        harness.ProcessBatch(Batch(Left, Row(1, "a", 0), Row(1, "a", 5)), 0);
        harness.ProcessBatch(Batch(Right, Row(1, "x", 5)), 1);
        harness.ProcessWatermark(9_999);
        Assert.Equal([J(1, "a", null, null, 0)], Output(harness));
        harness.ClearOutput();
        harness.ProcessWatermark(14_999);
        Assert.Equal([J(1, "a", 1, "x", 5)], Output(harness));
    }

    [Fact]
    public void NoEquiKeys_JoinsEveryPairOfTheWindow()
    {
        using var harness = new OperatorHarness(new WindowJoinOperator(Left, Right, [], [], Windows, Windows, WindowJoinKind.Inner));
        harness.ProcessBatch(Batch(Left, Row(1, "a"), Row(null, "b")), 0);
        harness.ProcessBatch(Batch(Right, Row(2, "x"), Row(3, "y", 10)), 1);
        harness.EndInput();
        Assert.Equal([J(1, "a", 2, "x"), J(null, "b", 2, "x")], Output(harness));
    }

    [Fact]
    public void LateRows_AreDroppedAndCountedPerSide()
    {
        var op = NewJoin(WindowJoinKind.Full);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Left, Row(1, "a")), 0);
        harness.ProcessWatermark(9_999);
        harness.ProcessBatch(Batch(Right, Row(1, "late")), 1);
        harness.ProcessBatch(Batch(Left, Row(1, "late"), Row(1, "b", 10)), 0);
        harness.EndInput();
        Assert.Equal(1, op.LeftLateRowsDropped);
        Assert.Equal(1, op.RightLateRowsDropped);
        Assert.Equal([J(1, "a", null, null), J(1, "b", null, null, 10)], Output(harness));
    }

    [Fact]
    public void Retraction_Throws()
    {
        using var harness = new OperatorHarness(NewJoin(WindowJoinKind.Inner));
        var failure = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Left, R("-D", 1, "a", T(0), T(10))), 0));
        Assert.IsType<InvalidOperationException>(failure.InnerException);
    }

    [Theory]
    [InlineData(WindowJoinKind.Inner)]
    [InlineData(WindowJoinKind.Full)]
    [InlineData(WindowJoinKind.Anti)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(WindowJoinKind kind)
    {
        var expected = RunScript(kind, snapshotAfter: -1);
        string[] derived = kind switch
        {
            WindowJoinKind.Inner => [J(1, "a", 1, "x"), J(2, "b", 2, "z"), J(1, "c", 1, "w", 10)],
            WindowJoinKind.Full => [J(1, "a", 1, "x"), J(2, "b", 2, "z"), J(null, null, 3, "y"), J(1, "c", 1, "w", 10), J(3, "d", null, null, 10)],
            _ => [L(3, "d", 10)],
        };
        Assert.Equal(derived.Order(StringComparer.Ordinal), expected.Order(StringComparer.Ordinal));
        for (var snapshotAfter = 0; snapshotAfter < 5; snapshotAfter++)
        {
            Assert.Equal(expected, RunScript(kind, snapshotAfter));
        }
    }

    private static List<string> RunScript(WindowJoinKind kind, int snapshotAfter)
    {
        var steps = new List<Action<OperatorHarness>>
        {
            h => h.ProcessBatch(Batch(Left, Row(1, "a"), Row(2, "b"), Row(1, "c", 10)), 0),
            h => h.ProcessBatch(Batch(Right, Row(1, "x"), Row(3, "y")), 1),
            h => h.ProcessWatermark(4_000),
            h => h.ProcessBatch(Batch(Right, Row(2, "z"), Row(1, "w", 10)), 1),
            h => h.ProcessWatermark(9_999),
            h => h.ProcessBatch(Batch(Left, Row(3, "d", 10)), 0),
            h => h.EndInput(),
        };
        var output = new List<string>();
        var harness = new OperatorHarness(NewJoin(kind));
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
                    harness = new OperatorHarness(NewJoin(kind), restoreFrom: [snapshot]);
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
}
