using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// The source of a table, as the planner sees it: the schema of the <c>RecordBatch</c>es it produces, the row kinds
/// they carry, and the typed source behind a handle. Immutable.
/// </summary>
public interface ITableSource
{
    /// <summary>The schema of the produced batches: the table's physical columns (with the row-time column, if any).</summary>
    Schema ProducedSchema { get; }

    /// <summary>The row kinds the batches carry (insert-only for most sources; all kinds for changelog formats).</summary>
    ChangelogMode ChangelogMode { get; }

    /// <summary>The source, behind a handle the runtime side opens with a visitor.</summary>
    ISourceHandle Source { get; }
}
