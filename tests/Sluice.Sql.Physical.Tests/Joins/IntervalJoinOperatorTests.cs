using System.Globalization;
using Sluice.Core.Batches;
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

public sealed class IntervalJoinOperatorTests
{
    private static readonly Schema Left = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("l", DataTypes.String()), new Field("lt", DataTypes.Timestamp(3)));

    private static readonly Schema Right = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("r", DataTypes.String()), new Field("rt", DataTypes.Timestamp(3)));

    /// <summary><c>l.lt BETWEEN r.rt - 5 ms AND r.rt + 10 ms</c>.</summary>
    private static readonly IntervalJoinBounds MinusFivePlusTen = IntervalJoinBounds.Inclusive(-5, 10);

    private static IntervalJoinOperator NewJoin(JoinKind kind, IntervalJoinBounds? bounds = null) =>
        new(Left, Right, [0], [0], kind, bounds ?? MinusFivePlusTen, JoinTimeDomain.EventTime, 2, 2);

    [Fact]
    public void OutputSchema_IsLeftThenRight_PaddedSidesNullable_RowTimeFromTheKeptSide()
    {
        var inner = NewJoin(JoinKind.Inner).OutputSchema;
        Assert.Equal(["k", "l", "lt", "rk", "r", "rt"], inner.Fields.Select(f => f.Name));
        Assert.Equal(2, inner.RowTimeIndex);
        Assert.Equal(5, NewJoin(JoinKind.Right).OutputSchema.RowTimeIndex);
        Assert.Equal(-1, NewJoin(JoinKind.Full).OutputSchema.RowTimeIndex);

        var notNullLeft = Schema.Of(new Field("k", DataTypes.Int().NotNull()), new Field("t", DataTypes.Timestamp(3).NotNull()));
        var notNullRight = Schema.Of(new Field("k2", DataTypes.Int().NotNull()), new Field("t2", DataTypes.Timestamp(3).NotNull()));
        var left = new IntervalJoinOperator(notNullLeft, notNullRight, [0], [0], JoinKind.Left, MinusFivePlusTen,
            JoinTimeDomain.EventTime, 1, 1).OutputSchema;
        Assert.False(left[0].DataType.IsNullable);
        Assert.Equal(["k", "t", "k0", "t0"], new IntervalJoinOperator(notNullLeft, notNullLeft, [0], [0], JoinKind.Inner, MinusFivePlusTen,
            JoinTimeDomain.EventTime, 1, 1).OutputSchema.Fields.Select(f => f.Name));
        Assert.True(left[2].DataType.IsNullable);
    }

    [Fact]
    public void Inner_InclusiveBounds_MatchTheEdgesAndNothingBeyond()
    {
        var lefts = Batch(Left, R("+I", 1, "a", T(94)), R("+I", 1, "b", T(95)), R("+I", 1, "c", T(110)), R("+I", 1, "d", T(111)), R("+I", 2, "e", T(100)));
        var expected = new[] { "+I[1, b, 95, 1, x, 100]", "+I[1, c, 110, 1, x, 100]" };

        using (var rightFirst = new OperatorHarness(NewJoin(JoinKind.Inner)))
        {
            rightFirst.ProcessBatch(Batch(Right, R("+I", 1, "x", T(100))), 1);
            rightFirst.ProcessBatch(lefts, 0);
            Assert.Equal(expected, TimedOutput(rightFirst));
        }

        using var leftFirst = new OperatorHarness(NewJoin(JoinKind.Inner));
        leftFirst.ProcessBatch(Batch(Left, R("+I", 1, "d", T(111)), R("+I", 1, "c", T(110)), R("+I", 1, "b", T(95)), R("+I", 1, "a", T(94))), 0);
        leftFirst.ProcessBatch(Batch(Right, R("+I", 1, "x", T(100))), 1);
        Assert.Equal(expected, TimedOutput(leftFirst));
    }

    [Fact]
    public void Inner_ExclusiveBounds_ExcludeTheEdges()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner, new IntervalJoinBounds(-5, false, 10, false)));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(100))), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(95)), R("+I", 1, "b", T(96)), R("+I", 1, "c", T(109)), R("+I", 1, "d", T(110))), 0);
        Assert.Equal(["+I[1, b, 96, 1, x, 100]", "+I[1, c, 109, 1, x, 100]"], TimedOutput(harness));
    }

    [Fact]
    public void Inner_DuplicatesOnBothSides_JoinPairwise()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(100)), R("+I", 1, "a", T(100))), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(98)), R("+I", 1, "x", T(98))), 1);
        Assert.Equal(Enumerable.Repeat("+I[1, a, 100, 1, x, 98]", 4), TimedOutput(harness));
    }

    [Fact]
    public void Left_UnmatchedRow_IsPaddedWhenTheWatermarkReachesItsLastChance()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(100)), R("+I", 1, "b", T(200))), 0);

        // a can match right rows up to 100 + 5: it stays until the watermark reaches 105.
        harness.ProcessWatermark(104);
        Assert.Empty(TimedOutput(harness));
        harness.ProcessWatermark(105);
        Assert.Equal(["+I[1, a, 100, null, null, null]"], TimedOutput(harness));

        // The watermark is held back by max(-lower, upper) = 10 so padded rows are never late downstream.
        Assert.Equal([94L, 95L], harness.OutputWatermarks);
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(195))), 1);
        Assert.Equal(["+I[1, b, 200, 1, x, 195]"], TimedOutput(harness));
        harness.ClearOutput();

        harness.ProcessWatermark(205);
        harness.EndInput();
        Assert.Empty(TimedOutput(harness));
        Assert.Equal([195L, long.MaxValue], harness.OutputWatermarks);
    }

    [Fact]
    public void Right_UnmatchedRow_IsPaddedOnTheLeftWhenItExpires()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Right));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(100))), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(300))), 0);

        // x can match left rows up to 100 + 10.
        harness.ProcessWatermark(109);
        Assert.Empty(TimedOutput(harness));
        harness.ProcessWatermark(110);
        Assert.Equal(["+I[null, null, null, 1, x, 100]"], TimedOutput(harness));
        harness.ClearOutput();

        harness.EndInput();
        Assert.Empty(TimedOutput(harness));
    }

    [Fact]
    public void Full_PadsUnmatchedRowsOfBothSidesAtEndOfInput()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Full));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(100)), R("+I", 3, "c", T(100))), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 2, "y", T(100)), R("+I", 1, "x", T(103))), 1);
        Assert.Equal(["+I[1, a, 100, 1, x, 103]"], TimedOutput(harness));
        harness.ClearOutput();

        harness.EndInput();
        Assert.Equal(["+I[3, c, 100, null, null, null]", "+I[null, null, null, 2, y, 100]"], TimedOutput(harness).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void LateRows_OutOfReachOfFutureRows_JoinTheStoredRowsOnly()
    {
        var op = NewJoin(JoinKind.Left);
        using var harness = new OperatorHarness(op);
        // A right row at 41 stays stored while left rows up to 51 can come.
        harness.ProcessBatch(Batch(Right, R("+I", 1, "w", T(41))), 1);
        harness.ProcessWatermark(50);

        // lt - rt in [-5, 10]: a left row at 44 can only match right rows up to 49, all at or below the watermark:
        // late, it joins the stored 41 and is not stored. One at 30 matches nothing stored: padded at once.
        // A left row at 50 is at the watermark, but right rows up to 55 can still come: joined as usual.
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(44)), R("+I", 1, "c", T(30)), R("+I", 1, "b", T(50))), 0);
        Assert.Equal(["+I[1, a, 44, 1, w, 41]", "+I[1, c, 30, null, null, null]", "+I[1, b, 50, 1, w, 41]"], TimedOutput(harness));
        harness.ClearOutput();

        // A right row at 39 can only match left rows up to 49: late, and a and c were not stored. One at 45 reaches b.
        harness.ProcessBatch(Batch(Right, R("+I", 1, "y", T(39)), R("+I", 1, "x", T(45))), 1);
        harness.EndInput();
        Assert.Equal(["+I[1, b, 50, 1, x, 45]"], TimedOutput(harness));
        Assert.Equal(3, op.LateRows);
    }

    [Fact]
    public void RowAlreadyOutOfReach_JoinsStoredRows_AndIsPaddedAtOnce()
    {
        // l.lt BETWEEN r.rt + 5 AND r.rt + 10: a left row can only match right rows older than itself.
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left, IntervalJoinBounds.Inclusive(5, 10)));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(95))), 1);
        harness.ProcessWatermark(100);

        // Right rows still to come are above 100, so left rows at 103 and 104 cannot wait for them.
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(103)), R("+I", 2, "b", T(104))), 0);
        Assert.Equal(["+I[1, a, 103, 1, x, 95]", "+I[2, b, 104, null, null, null]"], TimedOutput(harness));
        harness.ClearOutput();
        harness.EndInput();
        Assert.Empty(TimedOutput(harness));
    }

    [Fact]
    public void NullKeyOrNullTime_NeverMatches()
    {
        var lefts = new[] { R("+I", null, "a", T(100)), R("+I", 1, "b", null) };
        var rights = new[] { R("+I", null, "x", T(100)), R("+I", 1, "y", T(100)) };
        using var full = new OperatorHarness(NewJoin(JoinKind.Full));
        full.ProcessBatch(Batch(Left, lefts), 0);
        full.ProcessBatch(Batch(Right, rights), 1);
        Assert.Equal(["+I[null, a, 100, null, null, null]", "+I[1, b, null, null, null, null]", "+I[null, null, null, null, x, 100]"], TimedOutput(full));
        full.ClearOutput();
        full.EndInput();
        Assert.Equal(["+I[null, null, null, 1, y, 100]"], TimedOutput(full));

        using var inner = new OperatorHarness(NewJoin(JoinKind.Inner));
        inner.ProcessBatch(Batch(Left, lefts), 0);
        inner.ProcessBatch(Batch(Right, rights), 1);
        inner.EndInput();
        Assert.Empty(TimedOutput(inner));
    }

    [Fact]
    public void UpdatingInput_IsRejected()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner));
        var error = Assert.Throws<TaskFailureException>(() => harness.ProcessBatch(Batch(Left, R("-D", 1, "a", T(100))), 0));
        Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.Contains("insert-only", error.InnerException.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_RejectsMismatchedKeysAndNonTimestampTimeColumns()
    {
        Assert.Throws<ArgumentException>(() => new IntervalJoinOperator(Left, Right, [0], [1], JoinKind.Inner, MinusFivePlusTen, JoinTimeDomain.EventTime, 2, 2));
        Assert.Throws<ArgumentException>(() => new IntervalJoinOperator(Left, Right, [0], [0], JoinKind.Inner, MinusFivePlusTen, JoinTimeDomain.EventTime, 0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new IntervalJoinBounds(long.MinValue, true, 0, true));
    }

    [Fact]
    public void ProcessingTime_RowsLiveWhileTheClockCanStillMatchThem()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1000));
        var op = new IntervalJoinOperator(Left, Right, [0], [0], JoinKind.Full, MinusFivePlusTen, JoinTimeDomain.ProcessingTime);
        using var harness = new OperatorHarness(op, timeProvider: clock);
        Assert.Equal(-1, op.OutputSchema.RowTimeIndex);

        // Time columns are ignored: a row's time is the clock when it arrives.
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a", T(0))), 0);
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(3));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x", T(0)), R("+I", 2, "y", T(0))), 1);
        Assert.Equal(["+I[1, a, 0, 1, x, 0]"], TimedOutput(harness));
        harness.ClearOutput();

        // a (1000) is dropped after 1005, x and y (1003) after 1013; only y never matched.
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(3));
        Assert.Empty(TimedOutput(harness));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(7));
        Assert.Empty(TimedOutput(harness));
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["+I[null, null, null, 2, y, 0]"], TimedOutput(harness));
        harness.ClearOutput();

        // At 1014 a right row matches left rows from 1004 to 1019; one at 1020 is too late for it.
        harness.ProcessBatch(Batch(Left, R("+I", 3, "c", T(0))), 0);
        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(6));
        harness.ProcessBatch(Batch(Right, R("+I", 3, "z", T(0))), 1);
        Assert.Equal(["+I[3, c, 0, null, null, null]"], TimedOutput(harness));
        harness.ProcessWatermark(5);
        Assert.Equal([5L], harness.OutputWatermarks);
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Right)]
    [InlineData(JoinKind.Full)]
    public void Snapshot_RestoreAtEveryStep_MatchesUninterruptedRun(JoinKind kind)
    {
        var script = new Step[]
        {
            new(0, [R("+I", 1, "a", T(100)), R("+I", 2, "b", T(100))]),
            new(1, [R("+I", 1, "x", T(104)), R("+I", 3, "z", T(101))]),
            new(Watermark: 103),
            new(0, [R("+I", 1, "c", T(110)), R("+I", 3, "d", T(140))]),
            new(Watermark: 112),
            new(1, [R("+I", 1, "w", T(113)), R("+I", 2, "v", T(200))]),
            new(Watermark: 150),
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
            harness.ProcessBatch(Batch(Left, mine.Select(k => R("+I", k, $"l{k}", T(100))).ToArray()), 0);
            harness.ProcessWatermark(90);
            snapshots.Add(harness.Snapshot(1));
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(NewJoin(JoinKind.Left), parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = keys.Where(k => SubtaskOf(k, newParallelism) == subtask && k % 2 == 0).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Right, mine.Select(k => R("+I", k, $"r{k}", T(95))).ToArray()), 1);
            }

            harness.EndInput();
            output.AddRange(TimedOutput(harness));
        }

        var expected = keys.Select(k => k % 2 == 0 ? $"+I[{k}, l{k}, 100, {k}, r{k}, 95]" : $"+I[{k}, l{k}, 100, null, null, null]");
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(JoinKind.Inner, 1)]
    [InlineData(JoinKind.Left, 2)]
    [InlineData(JoinKind.Right, 3)]
    [InlineData(JoinKind.Full, 4)]
    [InlineData(JoinKind.Full, 5)]
    [InlineData(JoinKind.Inner, 6)]
    public void RandomInput_EqualsLinqIntervalJoinOfTheOnTimeRows(JoinKind kind, int seed)
    {
        var random = new Random(seed);
        var lower = (long)random.Next(-12, 6);
        var bounds = new IntervalJoinBounds(lower, random.Next(2) == 0, lower + random.Next(0, 16), random.Next(2) == 0);
        var op = NewJoin(kind, bounds);
        using var harness = new OperatorHarness(op);
        var onTime = new[] { new List<Row>(), new List<Row>() };
        var arrival = new Dictionary<Row, (long Watermark, int Serial, long? Reach)>(ReferenceEqualityComparer.Instance);
        long watermark = long.MinValue;
        long late = 0;
        var serial = 0;
        for (var step = 0; step < 80; step++)
        {
            if (random.Next(4) == 0)
            {
                watermark = Math.Max(watermark, 0) + random.Next(0, 12);
                harness.ProcessWatermark(watermark);
                continue;
            }

            var input = random.Next(2);
            var rows = new List<(string, object?[])>();
            for (var n = random.Next(1, 6); n > 0; n--)
            {
                var row = new Row(
                    random.Next(12) == 0 ? null : random.Next(4),
                    $"{(input == 0 ? 'l' : 'r')}{serial++}",
                    random.Next(15) == 0 ? null : Math.Max(watermark, 0) + random.Next(-25, 30));
                rows.Add(R("+I", row.Key, row.Payload, row.Time is { } t ? T(t) : null));
                // Late: the row and its window lie at or below the watermark (no row of the other side can still reach
                // it); it is joined with the stored rows all the same.
                var reach = row.Time is { } time ? (input == 0 ? time - bounds.InclusiveLower : time + bounds.InclusiveUpper) : (long?)null;
                if (reach is { } r && r <= watermark && row.Time <= watermark)
                {
                    late++;
                }

                onTime[input].Add(row);
                arrival[row] = (watermark, serial, reach);
            }

            harness.ProcessBatch(Batch(input == 0 ? Left : Right, [.. rows]), input);
        }

        harness.EndInput();
        var expected = new List<string>();
        var matchedRight = new HashSet<Row>(ReferenceEqualityComparer.Instance);
        foreach (var l in onTime[0])
        {
            var partners = onTime[1].Where(r => l.Key is not null && l.Key == r.Key && l.Time is not null && r.Time is not null
                && l.Time - r.Time >= bounds.InclusiveLower && l.Time - r.Time <= bounds.InclusiveUpper
                && StillStored(l, r)).ToList();
            expected.AddRange(partners.Select(r => $"+I[{l}, {r}]"));
            matchedRight.UnionWith(partners);
            if (partners.Count == 0 && kind is JoinKind.Left or JoinKind.Full)
            {
                expected.Add($"+I[{l}, null, null, null]");
            }
        }

        // A row behind the watermark joins only the rows of the other side that were still stored when it came.
        bool StillStored(Row l, Row r)
        {
            var (earlier, later) = arrival[l].Serial < arrival[r].Serial ? (l, r) : (r, l);
            return arrival[earlier].Reach > arrival[later].Watermark;
        }

        if (kind is JoinKind.Right or JoinKind.Full)
        {
            expected.AddRange(onTime[1].Where(r => !matchedRight.Contains(r)).Select(r => $"+I[null, null, null, {r}]"));
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), TimedOutput(harness).Order(StringComparer.Ordinal));
        Assert.Equal(late, op.LateRows);

        // The script exercises matches and late rows, not only padding.
        Assert.Contains(expected, e => !e.Contains("null, null, null", StringComparison.Ordinal));
        Assert.True(late > 0);
    }

    private static List<string> Run(JoinKind kind, Step[] script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(NewJoin(kind));
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                var step = script[i];
                if (step.Rows is null)
                {
                    harness.ProcessWatermark(step.Watermark);
                }
                else
                {
                    harness.ProcessBatch(Batch(step.Input == 0 ? Left : Right, step.Rows), step.Input);
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
        using var batch = Batch(Left, R("+I", key, "", T(0)));
        Span<int> hash = stackalloc int[1];
        new RecordBatchKeySelector([0]).ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }

    private sealed record Step(int Input = 0, (string, object?[])[]? Rows = null, long Watermark = 0);

    private sealed record Row(int? Key, string Payload, long? Time)
    {
        public override string ToString() =>
            $"{Key?.ToString(CultureInfo.InvariantCulture) ?? "null"}, {Payload}, {Time?.ToString(CultureInfo.InvariantCulture) ?? "null"}";
    }
}
