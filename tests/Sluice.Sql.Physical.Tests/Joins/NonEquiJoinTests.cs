using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Sql.Physical.Tests.Subqueries;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// Regular joins without any equality between the sides (<c>ON a.x &lt; b.y</c>, as decorrelated subqueries produce
/// them): the join keeps every row under one key at parallelism 1 and evaluates the condition per pair, as Flink does.
/// </summary>
public sealed class NonEquiJoinTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("lv", DataTypes.Int()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("rv", DataTypes.Int()));

    // lv < rv
    private static readonly BoundExpression LessThan = BoundCall.Create(BuiltInFunctions.LessThan, DataTypes.Boolean(),
        new BoundInputRef(1, "lv", DataTypes.Int()), new BoundInputRef(3, "rv", DataTypes.Int()));

    private static JoinOperator NewJoin(JoinKind kind) => new(Left, Right, [], [], kind, condition: LessThan);

    [Fact]
    public void Keyless_Inner_JoinsThePairsThatSatisfyTheCondition_AndFollowsRetractions()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner));
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5), R("+I", 2, 8)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 10, 6)), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, 5)), 0);
        Assert.Equal(["+I[1, 5, 10, 6]", "-D[1, 5, 10, 6]"], Output(harness));
    }

    [Fact]
    public void Keyless_WithoutACondition_IsRejected() =>
        Assert.Throws<ArgumentException>(() => new JoinOperator(Left, Right, [], [], JoinKind.Inner));

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Full)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(JoinKind kind)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, 5), R("+I", 2, 8)]),
            (1, [R("+I", 10, 6), R("+I", 11, 1)]),
            (0, [R("-U", 1, 5), R("+U", 1, 0)]),
            (1, [R("+I", 12, 9), R("-D", 10, 6)]),
            (0, [R("+I", 3, 20)]),
        };
        var uninterrupted = RunTwoInput(() => NewJoin(kind), Left, Right, script, -1);
        Assert.NotEmpty(uninterrupted);
        for (var after = 0; after < script.Length - 1; after++)
        {
            Assert.Equal(uninterrupted, RunTwoInput(() => NewJoin(kind), Left, Right, script, after));
        }
    }

    private const string Tables = """
        CREATE VIEW a AS SELECT * FROM (VALUES (1, 5), (2, 8), (3, 20)) AS t(id, v);
        CREATE VIEW b AS SELECT * FROM (VALUES (10, 6), (11, 9)) AS t(rid, w);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task InnerAndLeftJoins_OnANonEquality(int parallelism)
    {
        var inner = await SqlScriptRunner.RunAsync(Tables + "SELECT id, rid FROM a JOIN b ON a.v < b.w;", parallelism: parallelism);
        Assert.Equal(["[1, 10]", "[1, 11]", "[2, 11]"], inner.Final);

        var left = await SqlScriptRunner.RunAsync(Tables + "SELECT id, rid FROM a LEFT JOIN b ON a.v < b.w;", parallelism: parallelism);
        Assert.Equal(["[1, 10]", "[1, 11]", "[2, 11]", "[3, NULL]"], left.Final);

        var vertices = NotInValueEqualityTests.PlanVertices(Tables, "SELECT id, rid FROM a JOIN b ON a.v < b.w;", parallelism);
        Assert.Contains(vertices, v => v.Name == "join" && v.Parallelism == 1);
    }
}
