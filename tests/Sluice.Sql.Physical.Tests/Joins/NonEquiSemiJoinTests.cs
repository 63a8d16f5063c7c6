using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// Semi and anti joins (<c>IN</c> / <c>EXISTS</c> / <c>NOT EXISTS</c> / <c>NOT IN</c> subqueries) correlated by more than
/// equalities: the equalities key the join and the rest is a residual condition per pair; without any equality the
/// join runs keyless at parallelism 1. Retractions on both sides, and snapshot/restore of the matches kept per left row.
/// </summary>
public sealed class NonEquiSemiJoinTests
{
    private static readonly Schema Left = Schema.Of(new Field("k", DataTypes.Int()), new Field("ts", DataTypes.Int()));
    private static readonly Schema Right = Schema.Of(new Field("rk", DataTypes.Int()), new Field("rts", DataTypes.Int()));

    // rts > ts
    private static readonly BoundExpression Later = BoundCall.Create(BuiltInFunctions.GreaterThan, DataTypes.Boolean(),
        new BoundInputRef(3, "rts", DataTypes.Int()), new BoundInputRef(1, "ts", DataTypes.Int()));

    private static SemiAntiJoinOperator Keyed(bool anti) => new(Left, Right, [0], [0], anti, condition: Later);

    private static SemiAntiJoinOperator Keyless(bool anti) => new(Left, Right, [], [], anti, condition: Later);

    [Fact]
    public void Semi_ARowOfTheKeyThatFailsTheCondition_IsNoMatch()
    {
        using var harness = new OperatorHarness(Keyed(anti: false));
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5), R("+I", 2, 5)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 3)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 9), R("+I", 1, 8)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 9)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 8)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 2, 6)), 1);
        Assert.Equal(
        [
            // (1, 3) has the key but 3 > 5 is false; (1, 9) is the first match, (1, 8) a second one.
            "+I[1, 5]",
            // Only losing the last match retracts the row.
            "-D[1, 5]",
            "+I[2, 5]",
        ], Output(harness));
    }

    [Fact]
    public void Anti_RowsAreRetractedByTheirFirstMatch_AndComeBackWithTheLastGone()
    {
        using var harness = new OperatorHarness(Keyed(anti: true));
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5), R("+I", 1, 7), R("+I", null, 1)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 6)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 1, 10)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 6)), 1);
        harness.ProcessBatch(Batch(Left, R("-D", 1, 5)), 0);
        harness.ProcessBatch(Batch(Right, R("-D", 1, 10)), 1);
        Assert.Equal(
        [
            // A NULL key never matches: NOT EXISTS keeps it.
            "+I[1, 5]", "+I[1, 7]", "+I[null, 1]",
            // 6 > 5 matches (1, 5) only; 10 matches both; (1, 5) keeps 10 when 6 goes.
            "-D[1, 5]",
            "-D[1, 7]",
            // Retracting (1, 5), which has a match, emits nothing; the last match of (1, 7) gone brings it back.
            "+I[1, 7]",
        ], Output(harness));
    }

    [Fact]
    public void LeftUpdates_AreJudgedByTheirOwnMatches()
    {
        using var harness = new OperatorHarness(Keyed(anti: false));
        harness.ProcessBatch(Batch(Right, R("+I", 1, 6)), 1);
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5)), 0);
        harness.ProcessBatch(Batch(Left, R("-U", 1, 5), R("+U", 1, 7)), 0);
        harness.ProcessBatch(Batch(Left, R("-U", 1, 7), R("+U", 1, 2)), 0);
        Assert.Equal(["+I[1, 5]", "-D[1, 5]", "+I[1, 2]"], Output(harness));
    }

    [Fact]
    public void Keyless_EveryLeftRowIsComparedWithEveryRightRow()
    {
        using var harness = new OperatorHarness(Keyless(anti: false));
        harness.ProcessBatch(Batch(Left, R("+I", 1, 5), R("+I", 2, 1)), 0);
        harness.ProcessBatch(Batch(Right, R("+I", 9, 3)), 1);
        harness.ProcessBatch(Batch(Right, R("+I", 8, 6)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 9, 3)), 1);
        harness.ProcessBatch(Batch(Right, R("-D", 8, 6)), 1);
        var output = Output(harness);
        // (9, 3) matches only ts 1, (8, 6) both; each row goes when its last match goes (the order within a batch is the state's).
        Assert.Equal(["+I[2, 1]", "+I[1, 5]"], output[..2]);
        Assert.Equal(["-D[1, 5]", "-D[2, 1]"], output[2..].Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Snapshot_RestoreAndContinue_MatchesUninterruptedRun(bool anti, bool keyless)
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, 5), R("+I", 2, 5), R("+I", 1, 1)]),
            (1, [R("+I", 1, 6), R("+I", 1, 3)]),
            (0, [R("-U", 1, 5), R("+U", 1, 9)]),
            (1, [R("+I", 2, 9), R("-D", 1, 6), R("+I", 1, 10)]),
            (0, [R("+I", 3, 0), R("-D", 1, 1)]),
            (1, [R("-D", 1, 10), R("-D", 1, 3)]),
        };
        Func<Runtime.Operators.StreamOperator> create = () => keyless ? Keyless(anti) : Keyed(anti);
        var uninterrupted = RunTwoInput(create, Left, Right, script, -1);
        Assert.NotEmpty(uninterrupted);
        for (var after = 0; after < script.Length - 1; after++)
        {
            Assert.Equal(uninterrupted, RunTwoInput(create, Left, Right, script, after));
        }
    }

    private const string Tables = """
        CREATE VIEW a AS SELECT * FROM (VALUES (1, 10, 'a1'), (1, 20, 'a2'), (2, 10, 'a3'), (3, 5, 'a4'), (CAST(NULL AS INT), 1, 'a5')) AS t(k, ts, name);
        CREATE VIEW b AS SELECT * FROM (VALUES (1, 15, 100), (2, 5, 200), (2, 30, 50), (3, 5, 7)) AS t(k, ts, v);

        """;

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Exists_CorrelatedByAnEqualityAndANonEquality(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.ts > a.ts);
            """, parallelism: parallelism);

        // a1: (1, 15) is later than 10; a2: nothing of key 1 after 20; a3: (2, 30); a4: 5 > 5 is false; a5: NULL key.
        Assert.Equal(["[a1]", "[a3]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task NotExists_CorrelatedByAnEqualityAndANonEquality(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.k = a.k AND b.ts > a.ts);
            """, parallelism: parallelism);

        Assert.Equal(["[a2]", "[a4]", "[a5]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task In_CorrelatedByANonEqualityOnly(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a WHERE a.k IN (SELECT b.k FROM b WHERE b.v < a.ts * 10);
            """, parallelism: parallelism);

        // a.ts * 10 = 100, 200, 100, 50, 10. a1 (k 1, 100): b (1, v 100) is not < 100; a2 (1, 200): 100 < 200;
        // a3 (2, 100): (2, v 50); a4 (3, 50): (3, v 7); a5: NULL k.
        Assert.Equal(["[a2]", "[a3]", "[a4]"], result.Final);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task Exists_WithoutAnyEquality_RunsKeyless(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a WHERE EXISTS (SELECT 1 FROM b WHERE b.ts > a.ts + 10);
            """, parallelism: parallelism);

        // Latest b.ts is 30: rows with ts + 10 < 30.
        Assert.Equal(["[a1]", "[a3]", "[a4]", "[a5]"], result.Final);
    }

    [Fact]
    public async Task NotIn_NextToACorrelation_KeepsItsNullSemantics()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW a AS SELECT * FROM (VALUES (1, 10, 'a1'), (1, CAST(NULL AS INT), 'a2'), (2, 10, 'a3'), (3, 10, 'a4'), (4, 10, 'a5')) AS t(k, x, name);
            CREATE VIEW b AS SELECT * FROM (VALUES (1, 20), (1, 30), (2, 10), (3, CAST(NULL AS INT))) AS t(k, y);
            SELECT name FROM a WHERE a.x NOT IN (SELECT b.y FROM b WHERE b.k = a.k);
            """);

        // a1: 10 is not in {20, 30}; a2: NULL against a non-empty set is unknown; a3: 10 is in {10};
        // a4: {NULL} makes it unknown; a5: the empty set keeps it.
        Assert.Equal(["[a1]", "[a5]"], result.Final);
    }

    [Fact]
    public async Task Exists_OverAnUpdatingSubquery_FollowsItsRetractions()
    {
        var result = await SqlScriptRunner.RunAsync(Tables + """
            SELECT name FROM a WHERE EXISTS (
              SELECT 1 FROM (SELECT k, MAX(ts) AS latest FROM b GROUP BY k) AS m WHERE m.k = a.k AND m.latest > a.ts);
            """);

        // Latest per key: 1 → 15, 2 → 30, 3 → 5.
        Assert.Equal(["[a1]", "[a3]"], result.Final);
    }
}
