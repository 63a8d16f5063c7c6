using Sluice.Sql.Binding;
using Sluice.Sql.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Correlate;
using Sluice.Sql.Planning;
using PhysicalCall = Sluice.Sql.Physical.Operators.AggregateCall;

namespace Sluice.Sql.Physical.Planning;

/// <summary>C# functions: table functions in correlations (<c>LATERAL TABLE</c>) and aggregate functions.</summary>
public sealed partial class PhysicalPlanner
{
    /// <summary>The runtime call of a C# aggregate function.</summary>
    private static PhysicalCall ToUserDefinedCall(Sluice.Sql.Planning.AggregateCall call, UserDefinedFunctionDescriptor function)
    {
        if (call.IsDistinct && (call.Arguments.Count != 1 || call.Function.Kind != Sluice.Sql.Catalog.Functions.FunctionKind.Aggregate))
        {
            throw NotSupported($"DISTINCT with the user-defined aggregate function {call.Function.Name} needs exactly one argument");
        }

        return new PhysicalCall(AggregateKind.UserDefined, call.Arguments.ToArray(), call.IsDistinct, call.FilterArgument, call.Type, call.Name)
        {
            UserDefined = function,
        };
    }

    /// <summary>
    /// <c>FROM t, LATERAL TABLE(f(...))</c>, <c>CROSS JOIN LATERAL TABLE(...)</c> and <c>LEFT JOIN LATERAL TABLE(...) ON TRUE</c>:
    /// a <see cref="TableFunctionOperator"/> chained to the left input, then a calc that applies a projection of the
    /// function's columns (if the plan has one) and gives the correlation's schema.
    /// </summary>
    private PhysicalStream TranslateTableFunction(Correlate correlate, TableFunctionScan scan, Project? projection)
    {
        var function = scan.Call.Function;
        if (function.Implementation is not { } descriptor)
        {
            throw NotSupported($"The table function {function.Name} has no implementation; register it with CREATE FUNCTION");
        }

        var input = Translate(correlate.Left);
        var schema = input.Schema;
        var arguments = scan.Call.Operands
            .Select(o => o.Transform(x => x is BoundOuterRef r ? new BoundInputRef(r.Index, r.Name, r.Type) : x))
            .ToList();
        var leftOuter = correlate.JoinType == JoinType.Left;
        var names = scan.Schema.Names;
        var timeZone = _options.SessionTimeZone;
        var name = function.Name;
        var vertex = AddVertex("correlate-" + name, input.Parallelism,
            () => new TableFunctionOperator(schema, name, descriptor, arguments, leftOuter, names, timeZone));
        Connect(input, vertex);
        var correlated = new TableFunctionOperator(schema, name, descriptor, arguments, leftOuter, names, timeZone).OutputSchema;
        var stream = new PhysicalStream(vertex, correlated, input.Mode);
        var outputSchema = SchemaOf(correlate);
        var leftCount = schema.Count;
        var expressions = Enumerable.Range(0, leftCount)
            .Select(i => (BoundExpression)new BoundInputRef(i, schema[i].Name, schema[i].DataType))
            .Concat(projection is null
                ? Enumerable.Range(leftCount, correlated.Count - leftCount)
                    .Select(i => (BoundExpression)new BoundInputRef(i, correlated[i].Name, correlated[i].DataType))
                : projection.Projections.Select(e => e.Transform(x => x is BoundInputRef r ? r with { Index = r.Index + leftCount } : x)))
            .ToList();
        var calc = AddVertex("correlate-project", stream.Parallelism,
            () => new CalcOperator(correlated, null, expressions, outputSchema, sessionTimeZone: _options.SessionTimeZone));
        Connect(stream, calc);
        return new PhysicalStream(calc, outputSchema, input.Mode);
    }

    /// <summary>
    /// <c>FROM TABLE(f(...))</c> or <c>FROM LATERAL TABLE(f(...))</c> with nothing to its left: the function's arguments
    /// are constants, so it runs as the correlation of a single empty row (Flink's plan for it too).
    /// </summary>
    private PhysicalStream TranslateStandaloneTableFunction(TableFunctionScan scan) =>
        TranslateTableFunction(new Correlate(Values.SingleEmptyRow(), scan, JoinType.Inner), scan, null);
}
