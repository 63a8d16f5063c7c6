using Sluice.Sql.Binding;
using Sluice.Sql.Catalog;

namespace Sluice.Sql.Planning;

/// <summary>
/// What reading a catalog table computes after its connector produced the stored row: every table column as an
/// expression over the stored row (an input reference for physical and metadata columns, the bound expression for
/// computed columns), and the watermark expression over the table row. Built by
/// <see cref="Planner.BindScanExpressions"/>. Immutable.
/// </summary>
/// <param name="StoredRow">The columns the connector produces: the physical and metadata columns, in table order.</param>
/// <param name="Columns">One expression per table column (in table order), over <paramref name="StoredRow"/>.</param>
/// <param name="Watermark">The <c>WATERMARK</c> expression over the table row, or null.</param>
/// <param name="RowTimeColumn">The index of the row-time column in the table row, or -1.</param>
public sealed record ScanExpressions(
    PlanSchema StoredRow,
    IReadOnlyList<BoundExpression> Columns,
    BoundExpression? Watermark,
    int RowTimeColumn)
{
    /// <summary>True when the table row is exactly the stored row (no computed column).</summary>
    public bool IsIdentity => Columns.Count == StoredRow.Count && Columns.Select((c, i) => c is BoundInputRef r && r.Index == i).All(b => b);

    internal static ScanExpressions Bind(CatalogTable table, ICatalog catalog)
    {
        var stored = table.Columns.Where(c => c.Kind != ColumnKind.Computed).ToList();
        var storedRow = new PlanSchema(stored.Select(c => new PlanColumn(c.Name, c.Type)));
        var binder = new Binder(catalog);
        var columns = new List<BoundExpression>();
        foreach (var column in table.Columns)
        {
            if (column.Kind == ColumnKind.Computed)
            {
                columns.Add(binder.BindScalar(column.Expression!, storedRow, Clause.ComputedColumn));
            }
            else
            {
                var index = stored.FindIndex(c => c.Name == column.Name);
                columns.Add(new BoundInputRef(index, column.Name, column.Type));
            }
        }

        BoundExpression? watermark = null;
        var rowTime = -1;
        if (table.Watermark is { } spec)
        {
            var tableRow = new PlanSchema(table.Columns.Select(c => new PlanColumn(c.Name, c.Type)));
            watermark = binder.BindScalar(spec.Expression, tableRow, Clause.Watermark);
            rowTime = tableRow.IndexOf(spec.RowTimeColumn);
        }

        return new ScanExpressions(storedRow, columns, watermark, rowTime);
    }
}
