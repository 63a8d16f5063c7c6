using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Tests.EndToEnd;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// ARRAY_AGG, JSON_OBJECTAGG and JSON_ARRAYAGG as Flink 2.x documents them (sql_functions.yml) and implements them
/// (ArrayAggFunction, JsonObjectAggFunction, JsonArrayAggFunction): NULL handling, DISTINCT, retractions, windows,
/// snapshot and restore, and the errors for misuse.
/// </summary>
/// <remarks>Arrays are printed through CAST(... AS STRING) (or the harness's list text), which writes a NULL element as <c>null</c>.</remarks>
public sealed class ArrayAndJsonAggregateTests
{
    private static readonly Schema Input = Schema.Of(new Field("k", DataTypes.String()), new Field("v", DataTypes.String()));

    [Fact]
    public async Task ArrayAgg_RespectsNullsByDefault_InArrivalOrder()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT k, CAST(ARRAY_AGG(v) AS STRING) AS a, CAST(ARRAY_AGG(v RESPECT NULLS) AS STRING) AS r, CAST(ARRAY_AGG(v IGNORE NULLS) AS STRING) AS i
            FROM (VALUES ('a', 'x'), ('b', 'y'), ('a', CAST(NULL AS STRING)), ('a', 'z'), ('a', 'x')) AS t(k, v)
            GROUP BY k;
            """);

        Assert.Equal(["[a, [x, null, z, x], [x, null, z, x], [x, z, x]]", "[b, [y], [y], [y]]"], result.Final);
    }

    [Fact]
    public async Task ArrayAgg_OfOnlyNulls_IgnoringNulls_IsNull()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT k, CAST(ARRAY_AGG(v IGNORE NULLS) AS STRING) AS i, CAST(ARRAY_AGG(v) AS STRING) AS r
            FROM (VALUES ('a', CAST(NULL AS INT)), ('a', CAST(NULL AS INT))) AS t(k, v)
            GROUP BY k;
            """);

        Assert.Equal(["[a, NULL, [null, null]]"], result.Final);
    }

    [Fact]
    public async Task ArrayAgg_Distinct_KeepsTheFirstOccurrenceOfEachValue_NullOnce()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(ARRAY_AGG(DISTINCT v) AS STRING) AS d, CAST(ARRAY_AGG(DISTINCT v IGNORE NULLS) AS STRING) AS di
            FROM (VALUES (3), (1), (CAST(NULL AS INT)), (3), (2), (1), (CAST(NULL AS INT))) AS t(v);
            """);

        Assert.Equal(["[[3, 1, null, 2], [3, 1, 2]]"], result.Final);
    }

    [Fact]
    public async Task ArrayAgg_IgnoreNullsAfterTheParenthesis_IsAccepted()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(ARRAY_AGG(v) IGNORE NULLS AS STRING) AS a FROM (VALUES ('x'), (CAST(NULL AS STRING))) AS t(v);
            """);

        Assert.Equal(["[[x]]"], result.Final);
    }

    [Fact]
    public async Task ArrayAgg_OfRows_KeepsNestedValues()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(ARRAY_AGG(ROW(k, v)) AS STRING) AS a
            FROM (VALUES ('a', 1), ('b', CAST(NULL AS INT))) AS t(k, v);
            """);

        Assert.Equal(["[[(a, 1), (b, null)]]"], result.Final);
    }

    [Fact]
    public async Task ArrayAgg_OverAnUpdatingInput_RetractsTheOldValue()
    {
        // Inner counts: a 1 -> 2 -> 3, b 1. The outer ARRAY_AGG must end with one value per key.
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CARDINALITY(ARRAY_AGG(cnt)) AS n, CAST(ARRAY_SORT(ARRAY_AGG(cnt)) AS STRING) AS sorted
            FROM (SELECT k, COUNT(*) AS cnt FROM (VALUES ('a'), ('b'), ('a'), ('a')) AS t(k) GROUP BY k);
            """);

        Assert.Equal(["[2, [1, 3]]"], result.Final);
    }

    [Fact]
    public async Task OrderedAggregates_InHopAndCumulateWindows_KeepArrivalOrder()
    {
        // ARRAY_AGG and JSON_ARRAYAGG keep arrival order, so their windows are not sliced (a window's rows may arrive
        // out of time order across slices): 'b' (10:00:06) arrives before 'a' (10:00:04).
        var directory = Directory.CreateTempSubdirectory("sluice-array-agg-").FullName;
        try
        {
            var path = Path.Combine(directory, "events.csv");
            File.WriteAllLines(path, ["b,2024-01-01 10:00:06", "a,2024-01-01 10:00:04", "c,2024-01-01 10:00:11"]);
            var table = $"""
                CREATE TABLE Events (v STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
                WITH ('connector' = 'filesystem', 'path' = '{path}', 'format' = 'csv');
                """;
            var hop = await SqlScriptRunner.RunAsync(table + """
                SELECT window_start, CAST(ARRAY_AGG(v) AS STRING) AS vs, JSON_ARRAYAGG(v) AS j
                FROM TABLE(HOP(TABLE Events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
                GROUP BY window_start, window_end;
                """);
            var cumulate = await SqlScriptRunner.RunAsync(table + """
                SELECT window_end, CAST(ARRAY_AGG(v) AS STRING) AS vs
                FROM TABLE(CUMULATE(TABLE Events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
                GROUP BY window_start, window_end;
                """);

            // HOP windows: [09:59:55, 10:00:05) a; [10:00:00, 10:00:10) b a; [10:00:05, 10:00:15) b c; [10:00:10, 10:00:20) c.
            Assert.Equal(
            [
                """[2024-01-01 09:59:55, [a], ["a"]]""", """[2024-01-01 10:00:00, [b, a], ["b","a"]]""",
                """[2024-01-01 10:00:05, [b, c], ["b","c"]]""", """[2024-01-01 10:00:10, [c], ["c"]]""",
            ], hop.Final);

            // CUMULATE from 10:00:00 by 5 s up to 15 s: ends 10:00:05 a; 10:00:10 b a; 10:00:15 b a c.
            Assert.Equal(["[2024-01-01 10:00:05, [a]]", "[2024-01-01 10:00:10, [b, a]]", "[2024-01-01 10:00:15, [b, a, c]]"], cumulate.Final);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ArrayAgg_Retraction_RemovesTheEarliestEqualValue_AndNulls()
    {
        var output = RunOneInput(() => ArrayAggOperator(ignoreNulls: false), Input,
        [
            [R("+I", "a", "x"), R("+I", "a", null), R("+I", "a", "y"), R("+I", "a", "x")],
            [R("-D", "a", "x"), R("-D", "a", null), R("-D", "a", "absent")],
        ], snapshotAfter: -1);

        Assert.Equal(["[a, [y, x]]"], Materialize(output));
    }

    [Fact]
    public void ArrayAgg_Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a", "x"), R("+I", "b", null), R("+I", "a", "y")],
            [R("-D", "a", "x"), R("+I", "a", "w")],
            [R("+I", "b", "y"), R("-D", "b", null), R("+I", "c", null)],
        ];

        var expected = RunOneInput(() => ArrayAggOperator(ignoreNulls: false), Input, script, snapshotAfter: -1);
        var actual = RunOneInput(() => ArrayAggOperator(ignoreNulls: false), Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);
        Assert.Equal(["[a, [y, w]]", "[b, [y]]", "[c, [null]]"], Materialize(actual));
    }

    [Fact]
    public void ArrayAgg_DistinctSnapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "a", "x"), R("+I", "a", "x"), R("+I", "a", null)],
            [R("-D", "a", "x"), R("+I", "a", "y")],
            [R("-D", "a", "x"), R("+I", "a", "x")],
        ];

        var expected = RunOneInput(() => ArrayAggOperator(ignoreNulls: false, distinct: true), Input, script, snapshotAfter: -1);
        var actual = RunOneInput(() => ArrayAggOperator(ignoreNulls: false, distinct: true), Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);

        // x leaves when its second occurrence is retracted and comes back last.
        Assert.Equal(["[a, [null, y, x]]"], Materialize(actual));
    }

    [Fact]
    public async Task JsonObjectAgg_FlinkDocsExample()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(KEY product VALUE cnt) AS j
            FROM (VALUES ('Apple', 2), ('Banana', 17), ('Orange', 0)) AS orders(product, cnt);
            """);

        Assert.Equal(["""[{"Apple":2,"Banana":17,"Orange":0}]"""], result.Final);
    }

    [Fact]
    public async Task JsonArrayAgg_FlinkDocsExample()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_ARRAYAGG(product) AS j
            FROM (VALUES ('Apple'), ('Banana'), ('Orange')) AS orders(product);
            """);

        Assert.Equal(["""[["Apple","Banana","Orange"]]"""], result.Final);
    }

    [Fact]
    public async Task JsonObjectAgg_NullOnNullByDefault_AbsentOnNullOmits()
    {
        // Flink's JsonAggregationFunctionsITCase "Basic Aggregation" and "Omits NULLs".
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(f0 VALUE f1) AS d, JSON_OBJECTAGG(KEY f0 VALUE f1 NULL ON NULL) AS n,
                   JSON_OBJECTAGG(f0 VALUE f1 ABSENT ON NULL) AS a
            FROM (VALUES ('A', 1), ('B', CAST(NULL AS INT)), ('C', 3)) AS t(f0, f1);
            """);

        Assert.Equal(["""[{"A":1,"B":null,"C":3}, {"A":1,"B":null,"C":3}, {"A":1,"C":3}]"""], result.Final);
    }

    [Fact]
    public async Task JsonArrayAgg_AbsentOnNullByDefault_NullOnNullKeeps()
    {
        // Flink's JsonAggregationFunctionsITCase "Basic Aggregation" and "Keeps NULLs".
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_ARRAYAGG(f0) AS d, JSON_ARRAYAGG(f0 NULL ON NULL) AS n, JSON_ARRAYAGG(f0 ABSENT ON NULL) AS a
            FROM (VALUES ('A'), (CAST(NULL AS STRING)), ('C')) AS t(f0);
            """);

        Assert.Equal(["""[["A","C"], ["A",null,"C"], ["A","C"]]"""], result.Final);
    }

    [Fact]
    public async Task JsonObjectAgg_GroupAggregation()
    {
        // Flink's JsonAggregationFunctionsITCase "Group Aggregation".
        var result = await SqlScriptRunner.RunAsync("""
            SELECT f0, JSON_OBJECTAGG(f1 VALUE f2) AS j
            FROM (VALUES (1, 'A', 0), (1, 'B', 0), (2, 'A', 0), (2, 'C', 0)) AS t(f0, f1, f2)
            GROUP BY f0;
            """);

        Assert.Equal(["""[1, {"A":0,"B":0}]""", """[2, {"A":0,"C":0}]"""], result.Final);
    }

    [Fact]
    public async Task JsonAggregates_EmbedJsonConstructorValues_AndQuoteStrings()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_ARRAYAGG(JSON_OBJECT('p' VALUE p)) AS objects, JSON_OBJECTAGG(KEY p VALUE JSON_ARRAY(n)) AS arrays,
                   JSON_ARRAYAGG(p) AS strings, JSON_ARRAYAGG(b) AS booleans
            FROM (VALUES ('a"b', 1, TRUE), ('c', 2, FALSE)) AS t(p, n, b);
            """);

        Assert.Equal(["""[[{"p":"a\"b"},{"p":"c"}], {"a\"b":[1],"c":[2]}, ["a\"b","c"], [true,false]]"""], result.Final);
    }

    [Fact]
    public async Task JsonObjectAgg_KeysInAscendingOrder_WhateverTheArrivalOrder()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(KEY k VALUE v) AS j FROM (VALUES ('b', 1), ('a', 2), ('B', 3)) AS t(k, v);
            """);

        Assert.Equal(["""[{"B":3,"a":2,"b":1}]"""], result.Final);
    }

    [Fact]
    public async Task JsonAggregates_OverAnUpdatingInput_Retract()
    {
        // Inner counts: a 1 -> 2, b 1; the outer aggregates see -U(a, 1) +U(a, 2).
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(KEY k VALUE cnt) AS o, JSON_ARRAYAGG(cnt) AS a
            FROM (SELECT k, COUNT(*) AS cnt FROM (VALUES ('a'), ('b'), ('a')) AS t(k) GROUP BY k);
            """);

        Assert.Single(result.Final);
        Assert.StartsWith("""[{"a":2,"b":1}, [""", result.Final[0], StringComparison.Ordinal);
        Assert.Contains(result.Final[0], (string[])["""[{"a":2,"b":1}, [1,2]]""", """[{"a":2,"b":1}, [2,1]]"""]);
    }

    [Fact]
    public async Task JsonAggregates_WithFilter()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT JSON_ARRAYAGG(v) FILTER (WHERE v > 1) AS a, JSON_OBJECTAGG(KEY CAST(v AS STRING) VALUE v) FILTER (WHERE v < 3) AS o
            FROM (VALUES (1), (2), (3)) AS t(v);
            """);

        Assert.Equal(["""[[2,3], {"1":1,"2":2}]"""], result.Final);
    }

    [Fact]
    public async Task JsonObjectAgg_DuplicateKey_FailsTheJob()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM (VALUES ('a', 1), ('a', 2)) AS t(k, v);
            """));

        Assert.Contains("Duplicate keys are not allowed in JSON_OBJECTAGG", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonObjectAgg_NullKey_FailsTheJob()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync("""
            SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM (VALUES ('a', 1), (CAST(NULL AS STRING), 2)) AS t(k, v);
            """));

        Assert.Contains("a key is NULL", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public void JsonObjectAgg_Retraction_RemovesTheKeyOnlyForItsValue()
    {
        // Flink's "Retractions": +I A1, +I B2, +I C3, -D B2 gives {"A":1,"C":3}; a retraction with another value is ignored.
        var output = RunOneInput(JsonObjectAggOperator, JsonInput,
        [
            [R("+I", "g", "A", "1"), R("+I", "g", "B", "2"), R("+I", "g", "C", "3")],
            [R("-D", "g", "B", "2"), R("-D", "g", "C", "4")],
        ], snapshotAfter: -1);

        Assert.Equal(["""[g, {"A":1,"C":3}]"""], Materialize(output));
    }

    [Fact]
    public void JsonObjectAgg_Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        (string, object?[])[][] script =
        [
            [R("+I", "g", "A", "1"), R("+I", "g", "B", null), R("+I", "h", "C", "3")],
            [R("-D", "g", "A", "1"), R("+I", "g", "A", "\"x\"")],
            [R("-D", "g", "B", null), R("+I", "h", "D", null)],
        ];

        var expected = RunOneInput(JsonObjectAggOperator, JsonInput, script, snapshotAfter: -1);
        var actual = RunOneInput(JsonObjectAggOperator, JsonInput, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);
        Assert.Equal(["""[g, {"A":"x"}]""", """[h, {"C":3,"D":null}]"""], Materialize(actual));
    }

    [Fact]
    public void JsonArrayAgg_Snapshot_RestoreAndContinue_MatchesUninterruptedRun()
    {
        // NULL ON NULL: the NULL is kept as null and retracted like any item.
        (string, object?[])[][] script =
        [
            [R("+I", "a", "1"), R("+I", "a", null), R("+I", "a", "2")],
            [R("-D", "a", "1"), R("+I", "a", "3")],
            [R("-D", "a", null), R("+I", "b", null)],
        ];

        var expected = RunOneInput(() => JsonArrayAggOperator(ignoreNulls: false), Input, script, snapshotAfter: -1);
        var actual = RunOneInput(() => JsonArrayAggOperator(ignoreNulls: false), Input, script, snapshotAfter: 1);

        Assert.Equal(expected, actual);
        Assert.Equal(["[a, [2,3]]", "[b, [null]]"], Materialize(actual));
    }

    [Theory]
    [InlineData("SELECT JSON_ARRAYAGG(v ORDER BY v) FROM (VALUES (1)) AS t(v);", "ORDER BY inside JSON_ARRAYAGG", 1, 24)]
    [InlineData("SELECT ARRAY_AGG(v ORDER BY v) FROM (VALUES (1)) AS t(v);", "ORDER BY inside ARRAY_AGG", 1, 20)]
    [InlineData("SELECT JSON_ARRAYAGG(DISTINCT v) FROM (VALUES (1)) AS t(v);", "DISTINCT in JSON_ARRAYAGG", 1, 22)]
    [InlineData("SELECT JSON_OBJECTAGG(KEY v VALUE v) FROM (VALUES (1)) AS t(v);", "Cannot apply 'JSON_OBJECTAGG' to arguments (INT NOT NULL", 1, 8)]
    [InlineData("SELECT COUNT(v IGNORE NULLS) FROM (VALUES (1)) AS t(v);", "IGNORE NULLS is only supported with ARRAY_AGG, not COUNT", 1, 8)]
    [InlineData("SELECT UPPER(v) RESPECT NULLS FROM (VALUES ('a')) AS t(v);", "RESPECT NULLS is only supported with ARRAY_AGG, not UPPER", 1, 8)]
    public async Task Misuse_IsAPositionedError(string sql, string message, int line, int column)
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync(sql));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
    }

    [Fact]
    public async Task JsonAggregates_InOverWindows_AreNotSupported_AsInFlink()
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync("""
            CREATE TABLE T (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
            SELECT JSON_ARRAYAGG(v) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM T;
            """));

        Assert.Contains("JSON_ARRAYAGG in an OVER window", error.Message, StringComparison.Ordinal);
    }

    private static readonly Schema JsonInput = Schema.Of(
        new Field("g", DataTypes.String()), new Field("k", DataTypes.String()), new Field("v", DataTypes.String()));

    private static GroupAggregateOperator ArrayAggOperator(bool ignoreNulls, bool distinct = false) => new(Input, [0],
        [new AggregateCall(AggregateKind.ArrayAgg, [1], distinct, -1, DataTypes.Array(DataTypes.String()), "vs") { IgnoreNulls = ignoreNulls }]);

    private static GroupAggregateOperator JsonArrayAggOperator(bool ignoreNulls) => new(Input, [0],
        [new AggregateCall(AggregateKind.JsonArrayAgg, [1], false, -1, DataTypes.String().NotNull(), "j") { IgnoreNulls = ignoreNulls }]);

    private static GroupAggregateOperator JsonObjectAggOperator() => new(JsonInput, [0],
        [new AggregateCall(AggregateKind.JsonObjectAgg, [1, 2], false, -1, DataTypes.String().NotNull(), "j")]);

    private static string Flatten(Exception error)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text.Append(e.Message).Append('\n');
        }

        return text.ToString();
    }
}
