using Sluice.Core.Schemas;
using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>Builds the output schemas of the aggregation operators. Stateless.</summary>
internal static class OutputSchemas
{
    /// <summary>
    /// A schema of <paramref name="fields"/> whose duplicate names are made unique the way the logical plan does
    /// (<see cref="PlanSchema.Uniquify"/>: <c>window_start</c> next to an input <c>window_start</c> becomes
    /// <c>window_start0</c>), so operator and plan agree on names.
    /// </summary>
    public static Schema Unique(IReadOnlyList<Field> fields, int rowTimeIndex = -1)
    {
        var names = PlanSchema.Uniquify(fields.Select(f => f.Name));
        return new Schema(fields.Select((f, i) => f.Name == names[i] ? f : new Field(names[i], f.DataType)), rowTimeIndex);
    }
}
