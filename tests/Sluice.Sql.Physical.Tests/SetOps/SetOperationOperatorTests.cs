using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.SetOps;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.SetOps;

public sealed class SetOperationOperatorTests
{
    private static readonly Schema Left = Schema.Of(new Field("a", DataTypes.Int()), new Field("b", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("x", DataTypes.Int()), new Field("y", DataTypes.VarChar(10)));

    [Fact]
    public void OutputSchema_IsTheLeftSchema()
    {
        var op = new SetOperationOperator(Left, Right, SetOperationKind.Intersect);
        Assert.Equal(Left, op.OutputSchema);
        Assert.Throws<ArgumentException>(() => new SetOperationOperator(Left, Schema.Of(new Field("x", DataTypes.BigInt()), new Field("y", DataTypes.String())), SetOperationKind.Except));
        Assert.Throws<ArgumentException>(() => new SetOperationOperator(Left, Schema.Of(new Field("x", DataTypes.Int())), SetOperationKind.Except));
    }

    [Fact]
    public void IntersectAll_DuplicatesOnBothSides_KeepTheSmallerCount()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.IntersectAll));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 2, "y")), 0);
        Assert.Empty(Output(harness));

        // x: min(3, 2) = 2; z is only on the right.
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 3, "z")), 1);
        Assert.Equal(["+I[1, x]", "+I[1, x]"], Output(harness));
        harness.ClearOutput();

        // min(2, 2) = 2: unchanged; then min(1, 2) = 1.
        harness.ProcessBatch(Batch(Left, R("-D", 1, "x")), 0);
        Assert.Empty(Output(harness));
        harness.ProcessBatch(Batch(Left, R("-U", 1, "x")), 0);
        Assert.Equal(["-D[1, x]"], Output(harness));
    }

    [Fact]
    public void Intersect_EmitsEachCommonRowOnce_AndRetractsItWhenOneSideLosesIt()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.Intersect));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 2, "y")), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x"), R("+I", 2, "y"), R("+I", 1, "x")), 1);
        Assert.Equal(["+I[1, x]", "+I[2, y]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Right, R("-D", 1, "x"), R("-D", 2, "y")), 1);
        Assert.Equal(["-D[2, y]"], Output(harness));
        harness.ClearOutput();
        harness.ProcessBatch(Batch(Right, R("-D", 1, "x")), 1);
        Assert.Equal(["-D[1, x]"], Output(harness));
    }

    [Fact]
    public void ExceptAll_SubtractsCounts_AndRowsComeBackWhenTheRightSideShrinks()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.ExceptAll));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 2, "y")), 0);
        Assert.Equal(["+I[1, x]", "+I[1, x]", "+I[1, x]", "+I[2, y]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Right, R("+I", 1, "x"), R("+I", 2, "y"), R("+I", 2, "y")), 1);
        Assert.Equal(["-D[1, x]", "-D[2, y]"], Output(harness));
        harness.ClearOutput();

        // y: max(1 - 1, 0) = 0, unchanged; x: 3 - 0 = 3.
        harness.ProcessBatch(Batch(Right, R("-D", 2, "y"), R("-U", 1, "x")), 1);
        Assert.Equal(["+I[1, x]"], Output(harness));
    }

    [Fact]
    public void Except_EmitsLeftRowsAbsentOnTheRight_Once()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.Except));
        harness.ProcessBatch(Batch(Left, R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 2, "y")), 0);
        Assert.Equal(["+I[1, x]", "+I[2, y]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Right, R("+I", 2, "y")), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, "x")), 0);
        Assert.Equal(["-D[2, y]"], Output(harness));
        harness.ClearOutput();
        harness.ProcessBatch(Batch(Left, R("-D", 1, "x")), 0);
        Assert.Equal(["-D[1, x]"], Output(harness));
    }

    [Fact]
    public void NullsAreEqual_AndNetZeroBatchesEmitNothing()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.Intersect));
        harness.ProcessBatch(Batch(Left, R("+I", null, "n"), R("+I", 1, null)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", null, "n"), R("+I", 1, "")), 1);
        Assert.Equal(["+I[null, n]"], Output(harness));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Right, R("+I", 1, null), R("-D", 1, null)), 1);
        Assert.Empty(Output(harness));
    }

    [Fact]
    public void RetractionOfAnAbsentRow_IsIgnored()
    {
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.ExceptAll));
        harness.ProcessBatch(Batch(Left, R("-D", 1, "x"), R("+I", 1, "x")), 0);
        harness.ProcessBatch(Batch(Right, R("-D", 1, "x")), 1);
        Assert.Equal(["+I[1, x]"], Output(harness));
    }

    [Theory]
    [InlineData(SetOperationKind.Intersect)]
    [InlineData(SetOperationKind.IntersectAll)]
    [InlineData(SetOperationKind.Except)]
    [InlineData(SetOperationKind.ExceptAll)]
    public void Snapshot_RestoreAtEveryStep_MatchesUninterruptedRun(SetOperationKind kind)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 2, "y")]),
            (1, [R("+I", 1, "x"), R("+I", 3, "z")]),
            (0, [R("-U", 2, "y"), R("+U", 3, "z"), R("+I", 1, "x")]),
            (1, [R("-D", 1, "x"), R("+I", 2, "y"), R("+I", 3, "z")]),
            (0, [R("-D", 1, "x"), R("-D", 1, "x")]),
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
        var rows = Enumerable.Range(0, 40).Select(i => (A: i, B: $"v{i % 3}")).ToArray();
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.ExceptAll), parallelism: 2, subtaskIndex: subtask);
            var mine = rows.Where(r => SubtaskOf(r.A, r.B, 2) == subtask).ToArray();
            harness.ProcessBatch(Batch(Left, mine.SelectMany(r => new[] { R("+I", r.A, r.B), R("+I", r.A, r.B) }).ToArray()), 0);
            snapshots.Add(harness.Snapshot(1));
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, SetOperationKind.ExceptAll),
                parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var mine = rows.Where(r => SubtaskOf(r.A, r.B, newParallelism) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Right, mine.Select(r => R("+I", r.A, r.B)).ToArray()), 1);
            }

            output.AddRange(Output(harness));
        }

        // Each row was twice on the left; once on the right takes one copy out of the result.
        Assert.Equal(rows.Select(r => $"-D[{r.A}, {r.B}]").Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(SetOperationKind.Intersect, 1)]
    [InlineData(SetOperationKind.IntersectAll, 2)]
    [InlineData(SetOperationKind.Except, 3)]
    [InlineData(SetOperationKind.ExceptAll, 4)]
    [InlineData(SetOperationKind.IntersectAll, 5)]
    [InlineData(SetOperationKind.ExceptAll, 6)]
    public void RandomChangelogs_MaterializedView_EqualsLinqMultisetOperation(SetOperationKind kind, int seed)
    {
        var random = new Random(seed);
        var live = new[] { new List<(int? A, string? B)>(), new List<(int? A, string? B)>() };
        using var harness = new OperatorHarness(new SetOperationOperator(Left, Right, kind));
        for (var step = 0; step < 60; step++)
        {
            var input = random.Next(2);
            var rows = new List<(string, object?[])>();
            for (var n = random.Next(1, 8); n > 0; n--)
            {
                if (live[input].Count > 0 && random.Next(3) == 0)
                {
                    var victim = live[input][random.Next(live[input].Count)];
                    live[input].Remove(victim);
                    rows.Add(R(random.Next(2) == 0 ? "-D" : "-U", victim.A, victim.B));
                }
                else
                {
                    (int? A, string? B) row = (random.Next(6) == 0 ? null : random.Next(3), random.Next(5) == 0 ? null : $"s{random.Next(2)}");
                    live[input].Add(row);
                    rows.Add(R(random.Next(2) == 0 ? "+I" : "+U", row.A, row.B));
                }
            }

            harness.ProcessBatch(Batch(input == 0 ? Left : Right, [.. rows]), input);
        }

        static string Text((int? A, string? B) r) => $"[{(r.A is { } a ? a.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null")}, {r.B ?? "null"}]";
        var leftCounts = live[0].GroupBy(Text).ToDictionary(g => g.Key, g => g.Count());
        var rightCounts = live[1].GroupBy(Text).ToDictionary(g => g.Key, g => g.Count());
        var expected = leftCounts.Keys.Union(rightCounts.Keys).SelectMany(row =>
        {
            var l = leftCounts.GetValueOrDefault(row);
            var r = rightCounts.GetValueOrDefault(row);
            var times = kind switch
            {
                SetOperationKind.Intersect => l > 0 && r > 0 ? 1 : 0,
                SetOperationKind.IntersectAll => Math.Min(l, r),
                SetOperationKind.Except => l > 0 && r == 0 ? 1 : 0,
                _ => Math.Max(l - r, 0),
            };
            return Enumerable.Repeat(row, times);
        }).Order(StringComparer.Ordinal).ToList();

        var changelog = Output(harness);
        Assert.All(changelog, line => Assert.True(line.StartsWith("+I", StringComparison.Ordinal) || line.StartsWith("-D", StringComparison.Ordinal)));
        Assert.Equal(expected, Materialize(changelog));
        Assert.NotEmpty(changelog);
    }

    private static List<string> Run(SetOperationKind kind, (int Input, (string, object?[])[] Rows)[] script, int snapshotAfter)
    {
        var output = new List<string>();
        var harness = new OperatorHarness(new SetOperationOperator(Left, Right, kind));
        try
        {
            for (var i = 0; i < script.Length; i++)
            {
                harness.ProcessBatch(Batch(script[i].Input == 0 ? Left : Right, script[i].Rows), script[i].Input);
                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Output(harness));
                    harness.Dispose();
                    harness = new OperatorHarness(new SetOperationOperator(Left, Right, kind), restoreFrom: [snapshot]);
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

    private static int SubtaskOf(int a, string b, int parallelism)
    {
        using var batch = Batch(Left, R("+I", a, b));
        Span<int> hash = stackalloc int[1];
        new RecordBatchKeySelector([0, 1]).ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }
}
