using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateFilter(Filter filter)
    {
        var input = Translate(filter.Input);
        var condition = filter.Condition;
        var schema = input.Schema;
        var vertex = AddVertex("filter", input.Parallelism,
            () => new CalcOperator(schema, condition, null, schema, sessionTimeZone: _options.SessionTimeZone));
        Connect(input, vertex);
        return input with { Vertex = vertex };
    }

    private PhysicalStream TranslateProject(Project project)
    {
        // A projection directly over a projection becomes one (its common subexpressions computed once: CalcProgram),
        // and a projection directly over a filter one operator.
        IReadOnlyList<Sluice.Sql.Binding.BoundExpression> projections = project.Projections;
        var child = project.Input;
        var fused = false;
        if (child is Project inner && !_translated.ContainsKey(inner) && CalcFusion.TryInline(projections, inner.Projections, SchemaOf(inner.Input), out var inlined))
        {
            projections = inlined;
            child = inner.Input;
            fused = true;
        }

        BoundCondition? condition = null;
        if (child is Filter filter && !_translated.ContainsKey(filter))
        {
            condition = new BoundCondition(filter.Condition);
            child = filter.Input;
        }

        var input = Translate(child);
        if (fused)
        {
            // The ids of the vertices after this one stay what they were with two operators (state is restored by vertex id).
            _nextId++;
        }

        var inputSchema = input.Schema;
        var outputSchema = SchemaOf(project);
        var vertex = AddVertex(condition is null ? "project" : "calc", input.Parallelism,
            () => new CalcOperator(inputSchema, condition?.Expression, projections, outputSchema, sessionTimeZone: _options.SessionTimeZone));
        Connect(input, vertex);
        return new PhysicalStream(vertex, outputSchema, input.Mode, MapKey(input.UpsertKey, projections));
    }

    /// <summary>The upsert key after a projection: kept when every key column is projected unchanged.</summary>
    private static int[]? MapKey(int[]? key, IReadOnlyList<Sluice.Sql.Binding.BoundExpression> projections)
    {
        if (key is null)
        {
            return null;
        }

        var mapped = new int[key.Length];
        for (var i = 0; i < key.Length; i++)
        {
            var at = -1;
            for (var p = 0; p < projections.Count; p++)
            {
                if (projections[p] is Sluice.Sql.Binding.BoundInputRef r && r.Index == key[i])
                {
                    at = p;
                    break;
                }
            }

            if (at < 0)
            {
                return null;
            }

            mapped[i] = at;
        }

        return mapped;
    }

    private sealed record BoundCondition(Sluice.Sql.Binding.BoundExpression Expression);
}
