using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// The final table of a bounded query as Flink's SQL client prints it in tableau mode: the changelog materialized
/// (<see cref="MaterializedTable"/>) and printed once at the end as a boxed table (<see cref="TableauLayout"/>), then
/// <c>N rows in set</c>, or <c>Empty set</c> when there is no row. Also prints the results of SHOW and DESCRIBE.
/// </summary>
internal sealed class TableauTableFormatter : ResultFormatter
{
    private readonly TextWriter _output;
    private readonly MaterializedTable _table;
    private readonly int _maxColumnWidth;

    /// <summary>Creates the formatter.</summary>
    public TableauTableFormatter(TextWriter output, Schema schema, ResultText text, int maxColumnWidth = TableauLayout.DefaultMaxColumnWidth)
        : base(schema, text)
    {
        _output = output;
        _table = new MaterializedTable(schema.Count);
        _maxColumnWidth = maxColumnWidth;
    }

    /// <inheritdoc />
    public override bool WritesWhileRunning => false;

    /// <inheritdoc />
    public override void Complete()
    {
        _output.Write(Render(Schema.Fields.Select(f => f.Name).ToList(), [.. _table.Rows], _maxColumnWidth));
        _output.Flush();
    }

    /// <summary>The boxed table of <paramref name="rows"/> and its row count line, or <c>Empty set</c>.</summary>
    public static string Render(IReadOnlyList<string> names, IReadOnlyList<string?[]> rows, int maxColumnWidth)
    {
        if (rows.Count == 0)
        {
            return "Empty set" + Environment.NewLine;
        }

        var layout = TableauLayout.FitContent(names, rows, maxColumnWidth);
        var builder = new StringBuilder();
        builder.AppendLine(layout.Border).AppendLine(layout.Line(names)).AppendLine(layout.Border);
        foreach (var row in rows)
        {
            builder.AppendLine(layout.Line(row));
        }

        builder.AppendLine(layout.Border);
        builder.Append(rows.Count).AppendLine(rows.Count == 1 ? " row in set" : " rows in set");
        return builder.ToString();
    }

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch) => _table.Apply(batch, Text);
}
