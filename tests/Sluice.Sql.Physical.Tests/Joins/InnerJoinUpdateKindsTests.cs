using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// An inner join passes its inputs' update kinds through, as Flink's StreamingJoinOperator does (an update of a side
/// joins as -U/+U pairs, not -D/+I), when an update cannot change a side's join key (the side's upsert key holds the
/// join key), so the pairs stay pairs for upsert sinks; the changelog mode says so.
/// </summary>
public sealed class InnerJoinUpdateKindsTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()));

    private static JoinOperator NewJoin(JoinKind kind, bool forward) => new(Left, Right, [0], [0], kind) { ForwardUpdateKinds = forward };

    [Fact]
    public void Inner_ForwardingUpdateKinds_JoinsAnUpdateAsAnUpdatePair()
    {
        using var harness = new OperatorHarness(NewJoin(JoinKind.Inner, forward: true));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x"), R("+I", 1, "y")), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a")), 0);
        harness.ProcessBatch(Batch(Left, R("-U", 1, "a"), R("+U", 1, "b")), 0);
        harness.ProcessBatch(Batch(Right, R("-U", 1, "x"), R("+U", 1, "z")), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, "b")), 0);
        var output = Output(harness);
        Assert.Equal(
        [
            "+I[1, a, 1, x]", "+I[1, a, 1, y]",
            "-U[1, a, 1, x]", "-U[1, a, 1, y]", "+U[1, b, 1, x]", "+U[1, b, 1, y]",
            "-U[1, b, 1, x]", "+U[1, b, 1, z]",
        ], output[..^2]);

        // A deletion stays a deletion (in the order of the right side's state).
        Assert.Equal(["-D[1, b, 1, y]", "-D[1, b, 1, z]"], output[^2..].Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(JoinKind.Inner, false)]
    [InlineData(JoinKind.Left, true)]
    public void OtherwiseUpdatesJoinAsDeleteAndInsert(JoinKind kind, bool forward)
    {
        using var harness = new OperatorHarness(NewJoin(kind, forward));
        harness.ProcessBatch(Batch(Right, R("+I", 1, "x")), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, "a")), 0);
        harness.ProcessBatch(Batch(Left, R("-U", 1, "a"), R("+U", 1, "b")), 0);
        Assert.Equal(["+I[1, a, 1, x]", "-D[1, a, 1, x]", "+I[1, b, 1, x]"], Output(harness));
    }

    [Fact]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (1, [R("+I", 1, "x"), R("+I", 2, "y")]),
            (0, [R("+I", 1, "a"), R("+I", 2, "b")]),
            (0, [R("-U", 1, "a"), R("+U", 1, "a2")]),
            (1, [R("-U", 2, "y"), R("+U", 2, "y2"), R("-D", 1, "x")]),
            (0, [R("-D", 2, "b"), R("+I", 1, "c")]),
        };
        var uninterrupted = RunTwoInput(() => NewJoin(JoinKind.Inner, forward: true), Left, Right, script, -1);
        Assert.Contains(uninterrupted, r => r.StartsWith("+U", StringComparison.Ordinal));
        for (var after = 0; after < script.Length - 1; after++)
        {
            Assert.Equal(uninterrupted, RunTwoInput(() => NewJoin(JoinKind.Inner, forward: true), Left, Right, script, after));
        }
    }

    private static string Tables(string customers, string orders) => $"""
        CREATE TABLE customers (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'test-rows', 'data-id' = '{customers}', 'changelog-mode' = 'upsert');
        CREATE TABLE orders (oid INT, cid INT) WITH ('connector' = 'test-rows', 'data-id' = '{orders}');

        """;

    private static (string Script, Connectors.Abstractions.Table.ConnectorRegistry Registry) Setup()
    {
        var customers = TestRowsTableFactory.Register((RowKind.Insert, [1, "ann"]), (RowKind.UpdateAfter, [1, "anna"]), (RowKind.Insert, [2, "bob"]));
        var orders = TestRowsTableFactory.Register([10, 1], [11, 1], [12, 2], [13, 3]);
        return (Tables(customers, orders), SqlScriptRunner.Registry().Add(new TestRowsTableFactory()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task JoinOnTheUpsertKey_EmitsNoDeletesForAnUpdate(int parallelism)
    {
        var (script, registry) = Setup();
        var result = await SqlScriptRunner.RunAsync(script + "SELECT oid, name FROM orders JOIN customers ON orders.cid = customers.id;",
            parallelism: parallelism, registry: registry);

        // However the sources interleave, the renaming of customer 1 reaches the join as -U/+U and leaves it as -U/+U.
        Assert.DoesNotContain(result.Changelog, r => r.StartsWith("-D", StringComparison.Ordinal));
        Assert.Equal(["[10, anna]", "[11, anna]", "[12, bob]"], result.Final);
    }

    [Fact]
    public void Explain_ShowsTheUpdateKindsOfTheJoin()
    {
        var (script, registry) = Setup();
        var session = new SqlSession(new SqlSessionOptions(registry));
        var results = SqlSession.ParseScript(script + "EXPLAIN SELECT oid, name FROM orders JOIN customers ON orders.cid = customers.id;")
            .Select(session.Execute).ToList();
        var explain = (string)results[^1].Result!.Rows[0][0]!;
        var joinLine = explain.Split('\n').First(l => l.Contains("Join(", StringComparison.Ordinal) && l.Contains("changelogMode", StringComparison.Ordinal));

        Assert.Contains("changelogMode=" + Connectors.Abstractions.Table.ChangelogMode.All, joinLine, StringComparison.Ordinal);
    }
}
