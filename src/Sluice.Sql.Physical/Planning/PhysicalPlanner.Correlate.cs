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

        if (correlate.JoinType is not (JoinType.Inner or JoinType.Left))
        {
            throw NotSupported($"A {correlate.JoinType.ToString().ToUpperInvariant()} JOIN with UNNEST is not supported (use CROSS JOIN or LEFT JOIN ... ON TRUE)");
        }

        return TranslateUnnest(correlate, unnest, projection);
    }

    /// <summary>
    /// <c>FROM UNNEST(collection) [WITH ORDINALITY] AS t(...)</c> with nothing to its left (or as any other uncorrelated
    /// FROM item): the collection is a constant expression, so it is unnested once, as the correlation of a single empty
    /// row (Flink's plan for it too).
    /// </summary>
    private PhysicalStream TranslateStandaloneUnnest(Unnest unnest)
    {
        return TranslateUnnest(new Correlate(Values.SingleEmptyRow(), unnest, JoinType.Inner), unnest, null);
    }

    /// <summary>
    /// The <see cref="UnnestOperator"/> over the correlation's left input (several collections zipped). A collection that
    /// is an expression (not a column of the left row, e.g. <c>UNNEST(ARRAY[t.a, t.b])</c> or a literal) is computed into
    /// an extra column first, which the final projection drops again; the final projection applies the plan's projection
    /// of the unnested columns and gives the correlation's schema.
    /// </summary>
    private PhysicalStream TranslateUnnest(Correlate correlate, Unnest unnest, Project? projection)
    {
        var operands = unnest.Operands
            .Select(o => o.Transform(x => x is BoundOuterRef r ? new BoundInputRef(r.Index, r.Name, r.Type) : x))
            .ToList();
        var input = Translate(correlate.Left);
        var leftSchema = input.Schema;
        var leftCount = leftSchema.Count;
        var columns = new int[operands.Count];
        var computed = new List<BoundExpression>();
        for (var i = 0; i < operands.Count; i++)
        {
            if (operands[i] is BoundInputRef reference)
            {
                columns[i] = reference.Index;
            }
            else
            {
                columns[i] = leftCount + computed.Count;
                computed.Add(operands[i]);
            }
        }

        if (computed.Count > 0)
        {
            var expressions = Enumerable.Range(0, leftCount).Select(i => (BoundExpression)Ref(leftSchema, i)).Concat(computed).ToList();
            var names = leftSchema.Fields.Select(f => f.Name)
                .Concat(computed.Select((_, i) => "$unnest" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .ToList();
            input = AddProjection(input, expressions, names, null, "unnest-prepare", leftSchema.RowTimeIndex);
        }

        var schema = input.Schema;
        var withOrdinality = unnest.WithOrdinality;
        var leftOuter = correlate.JoinType == JoinType.Left;
        var columnNames = unnest.Schema.Names;
        var vertex = AddVertex("unnest", input.Parallelism, () => new UnnestOperator(schema, columns, withOrdinality, leftOuter, columnNames));
        Connect(input, vertex);
        var unnested = new UnnestOperator(schema, columns, withOrdinality, leftOuter, columnNames).OutputSchema;
        var stream = new PhysicalStream(vertex, unnested, input.Mode);
        var outputSchema = SchemaOf(correlate);
        var unnestedStart = schema.Count;
        var final = Enumerable.Range(0, leftCount)
            .Select(i => (BoundExpression)new BoundInputRef(i, unnested[i].Name, unnested[i].DataType))
            .Concat(projection is null
                ? Enumerable.Range(unnestedStart, unnested.Count - unnestedStart).Select(i => (BoundExpression)new BoundInputRef(i, unnested[i].Name, unnested[i].DataType))
                : projection.Projections.Select(e => e.Transform(x => x is BoundInputRef r ? r with { Index = r.Index + unnestedStart } : x)))
            .ToList();
        var calc = AddVertex("unnest-project", stream.Parallelism, () => new CalcOperator(unnested, null, final, outputSchema, sessionTimeZone: _options.SessionTimeZone));
        Connect(stream, calc);
        return new PhysicalStream(calc, outputSchema, input.Mode);
    }
}
