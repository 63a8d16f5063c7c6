using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators.Correlate;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Correlate;

/// <summary>
/// <c>UNNEST(a, b, ...)</c> of several collections zips them (the SQL standard's semantics): the n-th row holds the n-th
/// element of each, the shorter ones padded with NULL; and <c>LEFT JOIN UNNEST ... ON</c> accepts only <c>TRUE</c>.
/// </summary>
public sealed class ZippedUnnestTests
{
    private static readonly Schema Pairs = Schema.Of(
        new Field("id", DataTypes.Int()),
        new Field("a", DataTypes.Array(DataTypes.Int().NotNull())),
        new Field("b", DataTypes.Array(DataTypes.String())));

    private static readonly (string, object?[])[] PairRows =
    [
        R("+I", 1, new object?[] { 10, 20, 30 }, new object?[] { "x" }),
        R("+I", 2, Array.Empty<object?>(), new object?[] { "y", "z" }),
        R("+I", 3, null, null),
        R("-D", 4, new object?[] { 40 }, Array.Empty<object?>()),
    ];

    [Fact]
    public void Operator_zips_the_collections_padding_the_shorter_with_nulls()
    {
        var op = new UnnestOperator(Pairs, [1, 2], withOrdinality: true, columnNames: ["x", "y", "n"]);
        Assert.Equal(["id", "a", "b", "x", "y", "n"], op.OutputSchema.Fields.Select(f => f.Name));
        Assert.True(op.OutputSchema[3].DataType.IsNullable);
        Assert.False(op.OutputSchema[5].DataType.IsNullable);
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Pairs, PairRows));

        Assert.Equal(
        [
            "+I[1, [10, 20, 30], [x], 10, x, 1]", "+I[1, [10, 20, 30], [x], 20, null, 2]", "+I[1, [10, 20, 30], [x], 30, null, 3]",
            "+I[2, [], [y, z], null, y, 1]", "+I[2, [], [y, z], null, z, 2]",
            "-D[4, [40], [], 40, null, 1]",
        ], Output(harness));
    }

    [Fact]
    public void Operator_left_outer_keeps_a_row_whose_collections_are_all_empty_or_null()
    {
        using var harness = new OperatorHarness(new UnnestOperator(Pairs, [1, 2], withOrdinality: true, leftOuter: true));
        harness.ProcessBatch(Batch(Pairs, R("+I", 3, null, Array.Empty<object?>()), R("+I", 5, new object?[] { 50 }, null)));

        Assert.Equal(["+I[3, null, [], null, null, null]", "+I[5, [50], null, 50, null, 1]"], Output(harness));
    }

    [Fact]
    public void Operator_zips_a_map_with_an_array_of_rows()
    {
        var schema = Schema.Of(
            new Field("m", DataTypes.Map(DataTypes.String(), DataTypes.Int())),
            new Field("r", DataTypes.Array(DataTypes.Row(new Field("p", DataTypes.Int()), new Field("q", DataTypes.String())))));
        var op = new UnnestOperator(schema, [0, 1]);
        Assert.Equal(["m", "r", "key", "value", "p", "q"], op.OutputSchema.Fields.Select(f => f.Name));
        using var harness = new OperatorHarness(op);
        var map = new[] { new KeyValuePair<object?, object?>("k", 1) };
        harness.ProcessBatch(Batch(schema, R("+I", map, new object?[] { new object?[] { 7, "s" }, new object?[] { 8, "t" } })));

        Assert.Equal(["+I[{k=1}, [[7, s], [8, t]], k, 1, 7, s]", "+I[{k=1}, [[7, s], [8, t]], null, null, 8, t]"], Output(harness));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Cross_join_unnest_of_two_arrays_zips_them(int parallelism)
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW T AS SELECT * FROM (VALUES (1, ARRAY[1, 2, 3], ARRAY['a', 'b']), (2, ARRAY[4], ARRAY['c', 'd'])) AS t(id, a, b);
            SELECT id, x, y FROM T CROSS JOIN UNNEST(T.a, T.b) AS u(x, y);
            """, parallelism: parallelism);

        Assert.Equal(["[1, 1, a]", "[1, 2, b]", "[1, 3, NULL]", "[2, 4, c]", "[2, NULL, d]"], result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Left_join_unnest_of_two_arrays_with_ordinality_keeps_rows_without_elements()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE VIEW T AS SELECT * FROM (VALUES
              (1, ARRAY[1, 2], CAST(NULL AS ARRAY<STRING>)),
              (2, CAST(NULL AS ARRAY<INT>), CAST(NULL AS ARRAY<STRING>))) AS t(id, a, b);
            SELECT id, x, y, n FROM T LEFT JOIN UNNEST(T.a, T.b) WITH ORDINALITY AS u(x, y, n) ON TRUE;
            """);

        Assert.Equal(["[1, 1, NULL, 1]", "[1, 2, NULL, 2]", "[2, NULL, NULL, NULL]"], result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unnest_of_two_arrays_alone_in_from_zips_them()
    {
        var result = await SqlScriptRunner.RunAsync("SELECT x, y, y IS NULL FROM UNNEST(ARRAY[1, 2, 3], ARRAY['a']) AS t(x, y);");

        Assert.Equal(["[1, a, FALSE]", "[2, NULL, TRUE]", "[3, NULL, TRUE]"], result.Final.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Left_join_unnest_with_a_condition_other_than_true_is_flinks_error()
    {
        var error = await Assert.ThrowsAsync<SqlException>(() => SqlScriptRunner.RunAsync("""
            CREATE VIEW T AS SELECT * FROM (VALUES (1, ARRAY[1, 2])) AS t(id, a);
            SELECT id, x FROM T LEFT JOIN UNNEST(T.a) AS u(x) ON x > 1;
            """));

        Assert.Equal("line 2, column 54: Left outer joins with a table function do not accept a predicate such as x > 1. Only literal TRUE is accepted",
            error.Message);
    }
}
