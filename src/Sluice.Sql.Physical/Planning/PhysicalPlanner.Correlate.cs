using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Correlate;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    /// <summary><c>CROSS JOIN UNNEST(...)</c> and <c>LEFT JOIN UNNEST(...) ON TRUE</c>; table functions in <see cref="TranslateTableFunction"/>.</summary>
    private PhysicalStream TranslateCorrelate(Correlate correlate)
    {
        var right = correlate.Right;
        var projection = right as Project;
        if (projection is not null)
        {
            right = projection.Input;
        }

        if (right is TableFunctionScan scan)
        {
            return TranslateTableFunction(correlate, scan, projection);
        }

        if (right is not Unnest unnest)
        {
            throw NotSupported($"LATERAL {right.NodeName} is not supported in execution yet");
        }

        if (unnest.Operands.Count != 1 || correlate.JoinType is not (JoinType.Inner or JoinType.Left))
        {
            throw NotSupported("UNNEST of several collections at once is not supported in execution yet");
        }

        var column = unnest.Operands[0] switch
        {
            BoundInputRef r => r.Index,
            BoundOuterRef r => r.Index,
            _ => throw NotSupported("UNNEST of an expression is not supported in execution yet; unnest a column"),
        };
        var input = Translate(correlate.Left);
        var schema = input.Schema;
        var withOrdinality = unnest.WithOrdinality;
        var leftOuter = correlate.JoinType == JoinType.Left;
        var names = unnest.Schema.Names;
        var vertex = AddVertex("unnest", input.Parallelism, () => new UnnestOperator(schema, column, withOrdinality, leftOuter, names));
        Connect(input, vertex);
        var unnested = new UnnestOperator(schema, column, withOrdinality, leftOuter, names).OutputSchema;
        var stream = new PhysicalStream(vertex, unnested, input.Mode);
        var outputSchema = SchemaOf(correlate);
        var leftCount = schema.Count;
        var expressions = Enumerable.Range(0, leftCount)
            .Select(i => (BoundExpression)new BoundInputRef(i, schema[i].Name, schema[i].DataType))
            .Concat(projection is null
                ? Enumerable.Range(leftCount, unnested.Count - leftCount).Select(i => (BoundExpression)new BoundInputRef(i, unnested[i].Name, unnested[i].DataType))
                : projection.Projections.Select(e => e.Transform(x => x is BoundInputRef r ? r with { Index = r.Index + leftCount } : x)))
            .ToList();
        var calc = AddVertex("unnest-project", stream.Parallelism, () => new CalcOperator(unnested, null, expressions, outputSchema, sessionTimeZone: _options.SessionTimeZone));
        Connect(stream, calc);
        return new PhysicalStream(calc, outputSchema, input.Mode);
    }
}
