using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Tests.EndToEnd;
using Sluice.Udf.Samples;

namespace Sluice.Sql.Physical.Tests.Udf;

/// <summary>
/// Variadic C# functions (a last <c>params T[]</c> parameter), as Flink's varargs: any number of trailing arguments of
/// the element's SQL type, passed as one array; NULL elements follow the element's nullability.
/// </summary>
public sealed class VariadicFunctionTests
{
    /// <summary>An aggregate cannot take a params array.</summary>
    public sealed class VariadicAggregate : AggregateFunction<long, VariadicAggregate.Sum>
    {
        public override Sum CreateAccumulator() => new();

        public override long GetValue(Sum accumulator) => accumulator.Value;

        public void Accumulate(Sum accumulator, params long[] values) => accumulator.Value += values.Sum();

        public sealed class Sum
        {
            public long Value { get; set; }
        }
    }

    /// <summary>A fixed-arity overload next to a variadic one.</summary>
    public sealed class FixedOrMany : ScalarFunction
    {
        public string Eval(string a, string b) => "fixed";

        public string Eval(params string[] values) => "many:" + values.Length;
    }

    private static string Create(string name, string type) =>
        $"CREATE FUNCTION {name} AS 'Sluice.Udf.Samples.{type}' USING JAR '{UdfSqlTests.Jar}';\n";

    [Fact]
    public void Descriptor_MarksTheParamsArrayAsRepeating()
    {
        var descriptor = UserDefinedFunctionDescriptor.Create<JoinWith>();

        Assert.True(descriptor.Overloads[0].IsVariadic);
        Assert.Equal("join_with(STRING, STRING...)", descriptor.Overloads[0].Format("join_with"));
        Assert.Equal("join_with(BIGINT...)", descriptor.Overloads[1].Format("join_with"));
        Assert.NotNull(descriptor.Resolve([Core.Types.DataTypes.String()], "join_with", out _));
        var overload = descriptor.Resolve([Core.Types.DataTypes.Int(), Core.Types.DataTypes.BigInt(), Core.Types.DataTypes.TinyInt()], "join_with", out var error);
        Assert.Null(error);
        Assert.Same(descriptor.Overloads[1], overload);
    }

    [Fact]
    public void FixedArity_WinsOverVariadic_ForTheSameArguments()
    {
        var descriptor = UserDefinedFunctionDescriptor.Create<FixedOrMany>();
        var types = new[] { Core.Types.DataTypes.String(), Core.Types.DataTypes.String() };

        Assert.False(descriptor.Resolve(types, "f", out _)!.IsVariadic);
        Assert.True(descriptor.Resolve([.. types, Core.Types.DataTypes.String()], "f", out _)!.IsVariadic);
    }

    [Fact]
    public void Aggregates_RejectParamsArrays()
    {
        var error = Assert.Throws<ArgumentException>(() => UserDefinedFunctionDescriptor.Create<VariadicAggregate>());
        Assert.Contains("params array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scalar_TakesAnyNumberOfArguments_WithTheElementsNullability()
    {
        var result = await SqlScriptRunner.RunAsync(Create("join_with", "JoinWith") + """
            SELECT join_with('-', a, b, c) AS three, join_with('+', a) AS one, join_with('/') AS none,
                   join_with(x, y, 10) AS numbers, join_with(CAST(NULL AS STRING), a) AS no_separator
            FROM (VALUES ('a', CAST(NULL AS STRING), 'c', 1, CAST(2 AS BIGINT)), ('d', 'e', 'f', 3, CAST(NULL AS BIGINT))) AS t(a, b, c, x, y);
            """);

        Assert.Equal(["[a-c, a, , 13, NULL]", "[d-e-f, d, , NULL, NULL]"], result.Final);
    }

    [Fact]
    public async Task TableFunction_TakesAnyNumberOfArguments()
    {
        var result = await SqlScriptRunner.RunAsync(Create("repeat_each", "RepeatEach") + """
            SELECT id, v FROM (VALUES (1), (2)) AS t(id), LATERAL TABLE(repeat_each(id, 'x', 'y')) AS r(v);
            """);

        Assert.Equal(["[1, x]", "[1, y]", "[2, x]", "[2, x]", "[2, y]", "[2, y]"], result.Final);
    }
}
