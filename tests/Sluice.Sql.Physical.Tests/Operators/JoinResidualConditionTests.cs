using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Operators;

/// <summary>Outer joins whose ON has a condition beyond the key equalities: the condition decides which rows match.</summary>
public sealed class JoinResidualConditionTests : IDisposable
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("lv", DataTypes.Int()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("rv", DataTypes.Int()));

    // ON id = rid AND lv < rv
    private static readonly BoundExpression LessThan = BoundCall.Create(BuiltInFunctions.LessThan, DataTypes.Boolean(),
        new BoundInputRef(1, "lv", DataTypes.Int()), new BoundInputRef(3, "rv", DataTypes.Int()));

    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-join-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static JoinOperator NewJoin(JoinKind kind) => new(Left, Right, [0], [0], kind, condition: LessThan);

    [Fact]
    public void Left_RowsOfTheKeyThatFailTheCondition_DoNotMatch()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Left));
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 3)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 9)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 9)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 3)), 1);
        Assert.Equal(
        [
            "+I[1, 5, null, null]",
            // (1, 3): same key, but 5 < 3 is false: still padded.
            "-D[1, 5, null, null]", "+I[1, 5, 1, 9]",
            "-D[1, 5, 1, 9]", "+I[1, 5, null, null]",
        ], Output(harness));
    }

    [Fact]
    public void Full_EachSideIsPaddedUntilARowMatchingTheConditionArrives()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Full));
        harness.ProcessBatch(Batch(Right, R("+I", 1, 3), R("+I", 1, 9)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5)), 0);
        harness.ProcessBatch(Batch(Left, R("+I", 1, 1)), 0);
        Assert.Equal(
        [
            "+I[null, null, 1, 3]", "+I[null, null, 1, 9]",
            // 5 matches only 9; 1 matches both, which ends 3's padding.
            "-D[null, null, 1, 9]", "+I[1, 5, 1, 9]",
            "-D[null, null, 1, 3]", "+I[1, 1, 1, 3]", "+I[1, 1, 1, 9]",
        ], Output(harness));
    }

    [Theory]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Right)]
    [InlineData(JoinKind.Full)]
    public void RandomChangelogs_MaterializeToTheOuterJoinOfTheRemainingRows_AcrossARestore(JoinKind kind)
    {
        var random = new Random(7 + (int)kind);
        var live = new[] { new List<(int K, int V)>(), new List<(int K, int V)>() };
        var script = new List<(int Input, (string, object?[])[] Rows)>();
        for (var step = 0; step < 80; step++)
        {
            var side = random.Next(2);
            var rows = live[side];
            if (rows.Count > 0 && random.Next(3) == 0)
            {
                var gone = rows[random.Next(rows.Count)];
                rows.Remove(gone);
                script.Add((side, [R("-D", gone.K, gone.V)]));
            }
            else
            {
                var row = (random.Next(3), random.Next(6));
                rows.Add(row);
                script.Add((side, [R("+I", row.Item1, row.Item2)]));
            }
        }

        var uninterrupted = RunTwoInput(() => NewJoin(kind), Left, Right, [.. script], snapshotAfter: -1);
        var restored = RunTwoInput(() => NewJoin(kind), Left, Right, [.. script], snapshotAfter: 40);
        Assert.Equal(uninterrupted, restored);

        var (left, right) = (live[0], live[1]);
        var expected = new List<string>();
        foreach (var l in left)
        {
            var matches = right.Where(r => r.K == l.K && l.V < r.V).ToList();
            expected.AddRange(matches.Select(r => $"[{l.K}, {l.V}, {r.K}, {r.V}]"));
            if (matches.Count == 0 && kind is JoinKind.Left or JoinKind.Full)
            {
                expected.Add($"[{l.K}, {l.V}, null, null]");
            }
        }

        if (kind is JoinKind.Right or JoinKind.Full)
        {
            expected.AddRange(right.Where(r => !left.Any(l => l.K == r.K && l.V < r.V)).Select(r => $"[null, null, {r.K}, {r.V}]"));
        }

        Assert.Equal(expected.Order(StringComparer.Ordinal), Materialize(restored).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Sql_left_join_with_a_non_equi_condition_pads_the_rows_it_does_not_match(int parallelism)
    {
        var orders = Path.Combine(_directory, "orders.csv");
        File.WriteAllLines(orders, ["1,alice,30", "2,bob,5", "3,carol,50"]);
        var limits = Path.Combine(_directory, "limits.csv");
        File.WriteAllLines(limits, ["alice,10", "bob,10", "bob,20"]);
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE Orders (id INT, customer STRING, amount INT) WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{orders}');
            CREATE TABLE Limits (customer STRING, cap INT) WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{limits}');
            SELECT o.id, l.cap FROM Orders AS o LEFT JOIN Limits AS l ON o.customer = l.customer AND o.amount > l.cap;
            """, parallelism: parallelism);

        // alice's 30 is over her cap; bob's 5 is over neither of his; carol has none.
        Assert.Equal(["[1, 10]", "[2, NULL]", "[3, NULL]"], result.Final);
    }
}
