using System.Buffers;
using System.Text;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Common;

namespace Sluice.Formats.Csv;

/// <summary>
/// Encodes rows as CSV lines. Row kinds are not written (the format is insert-only). See
/// <see cref="CsvFormatFactory"/> for the rules. Scratch buffers live for one <see cref="Encode"/> call, so one encoder
/// may serve several writers at once (thread-safe).
/// </summary>
internal sealed class CsvEncoder : IBatchEncoder
{
    private readonly Schema _schema;
    private readonly char _delimiter;
    private readonly char? _quote;
    private readonly char? _escape;
    private readonly string _arrayDelimiter;
    private readonly string? _nullLiteral;

    public CsvEncoder(Schema schema, CsvOptions options)
    {
        _schema = schema;
        _delimiter = (char)options.FieldDelimiter;
        _quote = options.Quote is { } q ? (char)q : null;
        _escape = options.Escape is { } e ? (char)e : null;
        _arrayDelimiter = Encoding.UTF8.GetString(options.ArrayElementDelimiter);
        _nullLiteral = options.NullLiteral is null ? null : Encoding.UTF8.GetString(options.NullLiteral);
    }

    public void Encode(IBatch batch, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var records = batch as RecordBatch ?? throw new ArgumentException("The csv format encodes RecordBatches.", nameof(batch));
        var line = new StringBuilder();
        var field = new StringBuilder();
        for (var row = 0; row < records.RowCount; row++)
        {
            var physical = records.PhysicalRow(row);
            line.Clear();
            for (var column = 0; column < _schema.Count; column++)
            {
                if (column > 0)
                {
                    line.Append(_delimiter);
                }

                AppendField(line, field, records.Column(column), physical);
            }

            line.Append('\n');
            CellText.WriteUtf8(line, output);
        }
    }

    private void AppendField(StringBuilder line, StringBuilder field, ColumnVector vector, int row)
    {
        if (vector.IsNull(row))
        {
            line.Append(_nullLiteral);
            return;
        }

        field.Clear();
        switch (vector)
        {
            case ListVector list:
                var (start, count) = list.GetRange(row);
                for (var i = 0; i < count; i++)
                {
                    AppendElement(field, list.Elements, start + i, i);
                }

                break;
            case StructVector structure:
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    AppendElement(field, structure.Child(i), row, i);
                }

                break;
            default:
                CellText.Append(field, vector, row);
                break;
        }

        var isString = vector.DataType.PhysicalType == PhysicalType.Utf8;
        AppendEscaped(line, field, mustQuote: isString && _nullLiteral is not null && field.Equals(_nullLiteral.AsSpan()));
    }

    private void AppendElement(StringBuilder field, ColumnVector vector, int index, int position)
    {
        if (position > 0)
        {
            field.Append(_arrayDelimiter);
        }

        if (vector.IsNull(index))
        {
            field.Append(_nullLiteral);
        }
        else
        {
            CellText.Append(field, vector, index);
        }
    }

    private void AppendEscaped(StringBuilder line, StringBuilder field, bool mustQuote)
    {
        var needsQuoting = mustQuote;
        for (var i = 0; i < field.Length && !needsQuoting; i++)
        {
            var c = field[i];
            needsQuoting = c == _delimiter || c == _quote || c == _escape || c is '\n' or '\r';
        }

        if (!needsQuoting)
        {
            line.Append(field);
            return;
        }

        if (_quote is { } quote)
        {
            line.Append(quote);
            for (var i = 0; i < field.Length; i++)
            {
                var c = field[i];
                if (c == quote)
                {
                    line.Append(quote);
                }
                else if (c == _escape)
                {
                    line.Append(c);
                }

                line.Append(c);
            }

            line.Append(quote);
            return;
        }

        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (_escape is { } escape && (c == _delimiter || c == escape || c is '\n' or '\r'))
            {
                line.Append(escape);
            }

            line.Append(c);
        }
    }
}
