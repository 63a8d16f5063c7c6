using Sluice.Core.Batches;
using Sluice.Core.Vectors;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;
using Sluice.Sql.Planning;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Binds SQL expressions over the table of <see cref="RandomBatches"/> with the real binder (so operands and result
/// types are exactly what Flink's rules give) and evaluates them.
/// </summary>
internal static class SqlExpressions
{
    private static readonly Lazy<InMemoryCatalog> Catalog = new(() =>
    {
        var catalog = new InMemoryCatalog();
        Planner.Execute(SqlParser.ParseStatement(RandomBatches.TableDdl), catalog);
        return catalog;
    });

    /// <summary>The bound form of <paramref name="expression"/> over the columns of table t.</summary>
    public static BoundExpression Bind(string expression)
    {
        var plan = Planner.Bind(SqlParser.ParseStatement($"SELECT {expression} FROM t"), Catalog.Value);
        var project = Assert.IsType<Project>(plan);
        Assert.Single(project.Projections);
        return project.Projections[0];
    }

    /// <summary>The bound form of a WHERE condition over table t.</summary>
    public static BoundExpression BindCondition(string condition)
    {
        var plan = Planner.Bind(SqlParser.ParseStatement($"SELECT a FROM t WHERE {condition}"), Catalog.Value);
        return FindFilter(plan)!.Condition;
    }

    private static Filter? FindFilter(LogicalPlan plan) => plan as Filter ?? plan.Inputs.Select(FindFilter).FirstOrDefault(f => f is not null);

    public static CompiledExpression Compile(string expression, ExpressionEnvironment? environment = null) =>
        ExpressionCompiler.Compile(Bind(expression), RandomBatches.Schema, environment ?? ExpressionEnvironment.Default);

    /// <summary>The value of <paramref name="expression"/> on one row (the first row of seed 0; constants do not depend on it).</summary>
    public static object? Value(string expression, ExpressionEnvironment? environment = null)
    {
        var compiled = Compile(expression, environment);
        using var batch = RandomBatches.Create(0, rows: 1);
        using var result = compiled.Evaluate(batch);
        Assert.True(result.DataType.EqualsIgnoringNullability(compiled.Type), $"vector type {result.DataType} differs from {compiled.Type}");
        return result.GetValue(0);
    }

    /// <summary>The values of the columns of one physical row, boxed.</summary>
    public static object?[] Row(RecordBatch batch, int row) =>
        Enumerable.Range(0, batch.ColumnCount).Select(c => batch.Column(c).GetValue(row)).ToArray();

    /// <summary>
    /// Asserts that <paramref name="expression"/> equals <paramref name="reference"/> (computed from the boxed row values)
    /// on every row of several random batches, and that the result vector has the expression's type.
    /// </summary>
    public static void Matches(string expression, Func<object?[], object?> reference, int batches = 3, ExpressionEnvironment? environment = null)
    {
        var compiled = Compile(expression, environment);
        for (var seed = 0; seed < batches; seed++)
        {
            using var batch = RandomBatches.Create(seed);
            using var result = compiled.Evaluate(batch);
            Assert.Equal(batch.PhysicalRowCount, result.Length);
            Assert.True(result.DataType.EqualsIgnoringNullability(compiled.Type), $"vector type {result.DataType} differs from {compiled.Type}");
            for (var row = 0; row < batch.PhysicalRowCount; row++)
            {
                var values = Row(batch, row);
                var expected = reference(values);
                var actual = result.GetValue(row);
                Assert.True(ValuesEqual(expected, actual),
                    $"{expression}, row {row}: expected {Show(expected)}, got {Show(actual)} for {string.Join(", ", values.Select(Show))}");
            }
        }
    }

    public static bool ValuesEqual(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (double x, double y) => x.Equals(y) || Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => ValuesEqual(p.First, p.Second)),
        (byte[] x, byte[] y) => x.SequenceEqual(y),
        (KeyValuePair<object?, object?>[] x, KeyValuePair<object?, object?>[] y) =>
            x.Length == y.Length && x.Zip(y).All(p => ValuesEqual(p.First.Key, p.Second.Key) && ValuesEqual(p.First.Value, p.Second.Value)),
        _ => Equals(expected, actual),
    };

    public static string Show(object? value) => value switch
    {
        null => "NULL",
        string s => $"'{s}'",
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        KeyValuePair<object?, object?>[] pairs => "{" + string.Join(", ", pairs.Select(p => $"{Show(p.Key)}={Show(p.Value)}")) + "}",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>Evaluates on a batch and returns the boxed values of all physical rows.</summary>
    public static object?[] Values(CompiledExpression compiled, RecordBatch batch)
    {
        using var result = compiled.Evaluate(batch);
        return Enumerable.Range(0, result.Length).Select(result.GetValue).ToArray();
    }

    /// <summary>Values of one column vector.</summary>
    public static object?[] Values(ColumnVector vector) => Enumerable.Range(0, vector.Length).Select(vector.GetValue).ToArray();
}
