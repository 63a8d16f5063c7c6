using Sluice.Core.Types;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>An output column of a plan node: name, type, time attribute and window property. Immutable.</summary>
/// <param name="Name">The column name (unique within its schema).</param>
/// <param name="Type">The column type.</param>
/// <param name="TimeAttribute">Whether the column is an event-time or processing-time attribute.</param>
/// <param name="Window">Which window column this is, if any.</param>
public sealed record PlanColumn(string Name, DataType Type, TimeAttribute TimeAttribute = TimeAttribute.None,
    WindowProperty Window = WindowProperty.None)
{
    /// <summary>A copy that is a regular column: no time attribute, no window property.</summary>
    public PlanColumn Materialized() =>
        TimeAttribute == TimeAttribute.None && Window == WindowProperty.None ? this : this with { TimeAttribute = TimeAttribute.None, Window = WindowProperty.None };

    /// <summary>The column as plan text, for example <c>occurredAt: TIMESTAMP(3) *ROWTIME*</c>.</summary>
    public override string ToString() => TimeAttribute switch
    {
        TimeAttribute.RowTime => $"{Name}: {Type} *ROWTIME*",
        TimeAttribute.ProcTime => $"{Name}: {Type} *PROCTIME*",
        _ => $"{Name}: {Type}",
    };
}
