using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>
/// The <c>csv</c> output: the final table of the changelog (<see cref="MaterializedTable"/>), written once at the
/// end as RFC 4180 CSV: a header line of the column names, then one record per row, CRLF line ends, values in their
/// text forms (<see cref="ResultText"/>). A field is quoted (with inner quotes doubled) when it holds a comma, a quote,
/// a line break or leading/trailing spaces, and an empty string is written as <c>""</c> so that it differs from
/// NULL, which is an empty field.
/// </summary>
internal sealed class CsvTableFormatter : ResultFormatter
{
    private const string LineEnd = "\r\n";
    private readonly TextWriter _output;
    private readonly MaterializedTable _table;

    /// <summary>Creates the formatter.</summary>
    public CsvTableFormatter(TextWriter output, Schema schema, ResultText text)
        : base(schema, text)
    {
        _output = output;
        _table = new MaterializedTable(schema.Count);
    }

    /// <inheritdoc />
    public override bool WritesWhileRunning => false;

    /// <inheritdoc />
    public override void Complete()
    {
        var builder = new StringBuilder();
        builder.AppendJoin(',', Schema.Fields.Select(f => Escape(f.Name))).Append(LineEnd);
        foreach (var row in _table.Rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    builder.Append(',');
                }

                if (row[c] is { } value)
                {
                    builder.Append(Escape(value));
                }
            }

            builder.Append(LineEnd);
        }

        _output.Write(builder.ToString());
        _output.Flush();
    }

    /// <summary>A field as RFC 4180 writes it (quoted when needed; an empty string is quoted).</summary>
    public static string Escape(string value)
    {
        var quote = value.Length == 0
            || value.AsSpan().IndexOfAny(",\"\r\n") >= 0
            || char.IsWhiteSpace(value[0])
            || char.IsWhiteSpace(value[^1]);
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <inheritdoc />
    protected override void WriteBatchCore(RecordBatch batch) => _table.Apply(batch, Text);
}
