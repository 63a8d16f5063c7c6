using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Planning;

public sealed partial class PhysicalPlanner
{
    private PhysicalStream TranslateFilter(Filter filter)
    {
        NoteScanCondition(filter.Input, filter.Condition);
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
            NoteScanCondition(child, filter.Condition);
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

    /// <summary>
    /// The upsert key after a projection: kept when every key column is projected unchanged, or through a cast that
    /// keeps distinct values distinct (see <see cref="IsLosslessCast"/>; Flink's upsert keys pass such casts too, so a
    /// <c>GROUP BY</c> over <c>VALUES</c>, whose CHAR key is cast to the sink's STRING, keeps its key).
    /// </summary>
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
                if (ProjectedColumn(projections[p]) == key[i])
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

    /// <summary>The input column a projection passes on unchanged or through a lossless cast; -1 for anything else.</summary>
    private static int ProjectedColumn(Sluice.Sql.Binding.BoundExpression projection) => projection switch
    {
        Sluice.Sql.Binding.BoundInputRef r => r.Index,
        Sluice.Sql.Binding.BoundCast { IsTry: false, Operand: Sluice.Sql.Binding.BoundInputRef r } cast when IsLosslessCast(r.Type, cast.Type) => r.Index,
        _ => -1,
    };

    /// <summary>
    /// True when a cast from <paramref name="from"/> to <paramref name="to"/> maps distinct values to distinct values:
    /// only the nullability changes, a string or binary gets a longer variable length (CHAR to VARCHAR or STRING), or an
    /// integer a wider integer type.
    /// </summary>
    private static bool IsLosslessCast(Core.Types.DataType from, Core.Types.DataType to)
    {
        if (from.WithNullability(true).Equals(to.WithNullability(true)))
        {
            return true;
        }

        return (from.TypeId, to.TypeId) switch
        {
            (Core.Types.TypeId.Char or Core.Types.TypeId.VarChar, Core.Types.TypeId.VarChar) => to.Length >= from.Length,
            (Core.Types.TypeId.Binary or Core.Types.TypeId.VarBinary, Core.Types.TypeId.VarBinary) => to.Length >= from.Length,
            (Core.Types.TypeId.TinyInt or Core.Types.TypeId.SmallInt or Core.Types.TypeId.Int or Core.Types.TypeId.BigInt,
                Core.Types.TypeId.TinyInt or Core.Types.TypeId.SmallInt or Core.Types.TypeId.Int or Core.Types.TypeId.BigInt) => to.TypeId >= from.TypeId,
            _ => false,
        };
    }

    private sealed record BoundCondition(Sluice.Sql.Binding.BoundExpression Expression);
}
