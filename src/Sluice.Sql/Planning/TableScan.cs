using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// Reads a catalog table: every column (physical, computed, metadata) as the table's schema declares it, with the
/// watermark column as event-time attribute and <c>PROCTIME()</c> columns as processing-time attributes. The
/// table carries what the physical planner needs: connector options, computed expressions, the watermark.
/// </summary>
public sealed class TableScan : LogicalPlan
{
    /// <summary>Creates a scan of <paramref name="table"/>.</summary>
    public TableScan(CatalogTable table)
        : base(SchemaOf(table))
    {
        Table = table;
    }

    /// <summary>The table read.</summary>
    public CatalogTable Table { get; }

    /// <inheritdoc />
    public override IReadOnlyList<LogicalPlan> Inputs => [];

    /// <inheritdoc />
    public override string NodeName => "TableScan";

    /// <inheritdoc />
    public override LogicalPlan WithInputs(IReadOnlyList<LogicalPlan> inputs) => this;

    /// <inheritdoc />
    public override string ExplainProperties(PlanSchema row) =>
        $"table=[{Table.Identifier.Name}], fields=[{string.Join(", ", Schema.Select(c => c.ToString()))}]";

    private static PlanSchema SchemaOf(CatalogTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new PlanSchema(table.Columns.Select(c => new PlanColumn(c.Name, c.Type, c.TimeAttribute)));
    }
}
