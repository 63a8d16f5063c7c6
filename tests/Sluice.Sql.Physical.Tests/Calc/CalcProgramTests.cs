using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Tests.Expressions;
using Sluice.Testing;

namespace Sluice.Sql.Physical.Tests.Calc;

/// <summary>
/// A Calc's filter and projection with their common subexpressions computed once per batch (<see cref="CalcProgram"/>):
/// which expressions are shared, and that the operator's output equals each expression evaluated on its own over
/// random batches (non-ASCII and empty strings, NULLs, rows without a match).
/// </summary>
public sealed class CalcProgramTests
{
    private const string Extract = "REGEXP_EXTRACT(s, '(a|^)b([^a]*)', 2)";

    private static readonly ExpressionEnvironment Environment = ExpressionEnvironment.Default with { CurrentWatermark = static () => long.MinValue };

    [Fact]
    public void Create_SharesWhatTheFilterAndTheProjectionBothCompute()
    {
        var condition = SqlExpressions.BindCondition($"{Extract} IS NOT NULL OR LOWER(t) IN ('a', 'abc', 'zürich')");
        BoundExpression[] projection =
        [
            SqlExpressions.Bind("a"),
            SqlExpressions.Bind($"CASE WHEN LOWER(t) = 'a' THEN '0' WHEN LOWER(t) = 'abc' THEN '1' ELSE {Extract} END"),
        ];

        var program = CalcProgram.Create(RandomBatches.Schema, condition, projection, Environment);

        Assert.Equal(2, program.Shared.Count);
        Assert.Contains(program.Shared, e => e.Equals(SqlExpressions.Bind(Extract)));
        Assert.Contains(program.Shared, e => e.Equals(SqlExpressions.Bind("LOWER(t)")));
        Assert.Equal(RandomBatches.Schema.Count + 2, program.InputSchema.Count);
        Assert.DoesNotContain(program.Condition!.Descendants(), e => e is BoundCall { Function.Name: "REGEXP_EXTRACT" or "LOWER" });
        Assert.DoesNotContain(program.Projection!.SelectMany(e => e.Descendants()), e => e is BoundCall { Function.Name: "REGEXP_EXTRACT" or "LOWER" });
    }

    [Theory]
    [InlineData("a / b > 1", "a / b")] // may fail: a shared column is computed on filtered-out rows too
    [InlineData("a + RAND_INTEGER(10) > 1", "a + RAND_INTEGER(10)")] // not deterministic
    [InlineData("p", "CASE WHEN p THEN UPPER(s) ELSE UPPER(s) || 'x' END")] // only inside branches: not every row computes it
    [InlineData("r.x > 1", "r.x + 0 * a")] // a field of a column costs nothing
    public void Create_SharesNothing_WhenSharingCouldFailOrChangeResultsOrCostMore(string condition, string projection)
    {
        var program = CalcProgram.Create(RandomBatches.Schema, SqlExpressions.BindCondition(condition),
            [SqlExpressions.Bind(projection), SqlExpressions.Bind("b")], Environment);

        Assert.Empty(program.Shared);
        Assert.Same(RandomBatches.Schema, program.InputSchema);
    }

    [Fact]
    public void Create_SharesNestedExpressions_InnerFirst()
    {
        var program = CalcProgram.Create(RandomBatches.Schema, SqlExpressions.BindCondition("CHAR_LENGTH(UPPER(s)) > 2"),
            [SqlExpressions.Bind("CHAR_LENGTH(UPPER(s)) + 1"), SqlExpressions.Bind("UPPER(s)")], Environment);

        Assert.Equal(2, program.Shared.Count);
        Assert.Equal(SqlExpressions.Bind("UPPER(s)"), program.Shared[0]);
        var outer = Assert.IsType<BoundCall>(program.Shared[1]);
        Assert.Equal("CHAR_LENGTH", outer.Function.Name);
        Assert.Equal(RandomBatches.Schema.Count, Assert.IsType<BoundInputRef>(outer.Operands[0]).Index);
    }

    public static TheoryData<string, string[]> Programs => new()
    {
        { $"{Extract} IS NOT NULL OR LOWER(t) IN ('a', 'abc', 'zürich', '')", ["a", $"CASE WHEN LOWER(t) = 'a' THEN '0' WHEN LOWER(t) = 'abc' THEN '1' ELSE {Extract} END", "LOWER(t)"] },
        { "CHAR_LENGTH(UPPER(s)) > 2 OR UPPER(s) = ''", ["CHAR_LENGTH(UPPER(s)) + 1", "UPPER(s)", "CONCAT(UPPER(s), t)"] },
        { "SPLIT_INDEX(s, 'b', 0) <> 'a' AND a IS NOT NULL", ["SPLIT_INDEX(s, 'b', 0)", "COALESCE(SPLIT_INDEX(s, 'b', 0), t)", "a * 2 + a * 2"] },
        { "a * 2 + c > 0 OR p", ["a * 2 + c", "CASE WHEN p THEN a * 2 + c END", "r.y", "UPPER(r.y)"] },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public void Operator_WithSharedColumns_EqualsEachExpressionEvaluatedAlone(string condition, string[] projection)
    {
        var boundCondition = SqlExpressions.BindCondition(condition);
        var bound = projection.Select(SqlExpressions.Bind).ToArray();
        var output = Schema.Of([.. bound.Select((e, i) => new Field($"o{i}", e.Type))]);
        Assert.NotEmpty(CalcProgram.Create(RandomBatches.Schema, boundCondition, bound, Environment).Shared);

        for (var seed = 0; seed < 6; seed++)
        {
            using var harness = new OperatorHarness(new CalcOperator(RandomBatches.Schema, boundCondition, bound, output));
            harness.ProcessBatch(Input(seed));
            var actual = harness.OutputBatches.Cast<RecordBatch>().SelectMany(b => b.ToRowStrings()).ToList();

            Assert.Equal(Reference(boundCondition, bound, output, Input(seed)), actual);
        }
    }

    /// <summary>
    /// A random batch: without a selection, with two rows of three selected, or with one row of five selected (as after
    /// an upstream filter; the shared columns are then computed on the selected rows only).
    /// </summary>
    private static RecordBatch Input(int seed)
    {
        var batch = RandomBatches.Create(seed, rows: 300);
        return (seed % 3) switch
        {
            1 => batch.WithSelection([.. Enumerable.Range(0, batch.PhysicalRowCount).Where(r => r % 3 != 1)]),
            2 => batch.WithSelection([.. Enumerable.Range(0, batch.PhysicalRowCount).Where(r => r % 5 == 2)]),
            _ => batch,
        };
    }

    /// <summary>The filter compiled alone, then each projected expression compiled alone on the rows that passed.</summary>
    private static List<string> Reference(BoundExpression condition, BoundExpression[] projection, Schema output, RecordBatch input)
    {
        var predicate = ExpressionCompiler.CompilePredicate(condition, RandomBatches.Schema, Environment);
        using var compact = input.Compact();
        var rows = new int[compact.RowCount];
        var count = predicate.Filter(compact, rows);
        if (count == 0)
        {
            return [];
        }

        using var passed = compact.Gather(rows.AsSpan(0, count));
        var columns = projection.Select(e => ExpressionCompiler.Compile(e, RandomBatches.Schema, Environment).Evaluate(passed)).ToArray();
        using var result = new RecordBatch(output, columns);
        return [.. result.ToRowStrings()];
    }
}
