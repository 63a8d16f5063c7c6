using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;
using Spectre.Console;

namespace Sluice.Cli.Output;

/// <summary>
/// The <c>table</c> output on an interactive terminal: the materialized result (<see cref="MaterializedTable"/>)
/// redrawn in place as changes arrive, capped to the rows that fit the terminal, with the row count and the job's
/// progress below it (Flink's table result mode, without paging).
/// </summary>
internal sealed class LiveTableFormatter : LiveFormatter
{
    private readonly MaterializedTable _table;

    /// <summary>Creates the view.</summary>
    public LiveTableFormatter(IAnsiConsole console, Schema schema, ResultText text)
        : base(console, schema, text)
    {
        _table = new MaterializedTable(schema.Count);
        Header = [.. schema.Fields.Select(f => f.Name)];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Header { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<string?[]> VisibleContent() => [.. _table.Rows.Take(VisibleRows)];

    /// <inheritdoc />
    protected override string Summary()
    {
        var count = _table.Count == 1 ? "1 row" : $"{_table.Count} rows";
        var shown = _table.Count > VisibleRows ? $" (first {VisibleRows} shown)" : "";
        return count + shown;
    }

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch) => _table.Apply(batch, Text);
}
