using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;
using Spectre.Console;

namespace Sluice.Cli.Output;

/// <summary>
/// The <c>changelog</c> result mode on an interactive terminal: the latest changes (an <c>op</c> column, then the
/// columns) redrawn in place as they arrive, as many as fit the terminal, with the number of changes received and
/// the job's progress below (Flink keeps the latest 1000 changes; this view keeps what it can show).
/// </summary>
internal sealed class LiveChangelogFormatter : LiveFormatter
{
    private readonly Queue<string?[]> _latest = new();

    /// <summary>Creates the view.</summary>
    public LiveChangelogFormatter(IAnsiConsole console, Schema schema, ResultText text)
        : base(console, schema, text)
    {
        Header = ["op", .. schema.Fields.Select(f => f.Name)];
    }

    /// <inheritdoc />
    protected override IReadOnlyList<string> Header { get; }

    /// <inheritdoc />
    protected override IReadOnlyList<string?[]> VisibleContent() => [.. _latest];

    /// <inheritdoc />
    protected override string Summary() =>
        (ChangeCount == 1 ? "1 change" : $"{ChangeCount} changes") + " received";

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch)
    {
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var values = new string?[batch.ColumnCount + 1];
            values[0] = batch.GetRowKind(row).ToShortString();
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                values[c + 1] = Text.Format(batch.Column(c), row);
            }

            _latest.Enqueue(values);
            while (_latest.Count > VisibleRows)
            {
                _latest.Dequeue();
            }
        }
    }
}
