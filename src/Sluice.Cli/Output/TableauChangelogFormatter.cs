using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// A query's changelog as Flink's SQL client prints it in tableau mode for streaming queries: the header at once, then
/// one line per change as it arrives, with an <c>op</c> column (<c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c>) before the
/// columns; at the end a closing border and <c>Received a total of N rows</c>. Column widths come from the types
/// (<see cref="TableauLayout.WidthOf"/>), since the values are not known in advance.
/// </summary>
internal sealed class TableauChangelogFormatter : ResultFormatter
{
    private readonly TextWriter _output;
    private readonly TableauLayout _layout;

    /// <summary>Creates the formatter.</summary>
    public TableauChangelogFormatter(TextWriter output, Schema schema, ResultText text, int maxColumnWidth = TableauLayout.DefaultMaxColumnWidth)
        : base(schema, text)
    {
        _output = output;
        _layout = new TableauLayout([2, .. schema.Fields.Select(f => TableauLayout.WidthOf(f.Name, f.DataType, maxColumnWidth))]);
    }

    /// <inheritdoc />
    public override void Start()
    {
        var builder = new StringBuilder();
        builder.AppendLine(_layout.Border).AppendLine(_layout.Line(["op", .. Schema.Fields.Select(f => f.Name)])).AppendLine(_layout.Border);
        _output.Write(builder.ToString());
        _output.Flush();
    }

    /// <inheritdoc />
    public override void Complete()
    {
        _output.WriteLine(_layout.Border);
        _output.WriteLine(ChangeCount == 1 ? "Received a total of 1 row" : $"Received a total of {ChangeCount} rows");
        _output.Flush();
    }

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch)
    {
        var builder = new StringBuilder();
        var values = new string?[batch.ColumnCount + 1];
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            values[0] = batch.GetRowKind(row).ToShortString();
            for (var c = 0; c < batch.ColumnCount; c++)
            {
                values[c + 1] = Text.Format(batch.Column(c), row);
            }

            builder.AppendLine(_layout.Line(values));
        }

        _output.Write(builder.ToString());
        _output.Flush();
    }
}
