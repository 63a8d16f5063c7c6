using System.Buffers.Text;
using System.Text;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Common;

namespace Sluice.Formats.Csv;

/// <summary>Decodes CSV records into rows. See <see cref="CsvFormatFactory"/> for the rules; not thread-safe.</summary>
internal sealed class CsvDecoder : RowDecoderBase
{
    private readonly CsvOptions _options;
    private readonly RowStage _stage;
    private readonly DataType[] _types;
    private readonly string[] _names;
    private byte[] _scratch = new byte[256];
    private int _scratchLength;

    public CsvDecoder(Schema schema, CsvOptions options)
        : base(CsvFormatFactory.FormatName, schema, options.IgnoreParseErrors)
    {
        _options = options;
        _stage = new RowStage(schema);
        _types = schema.Fields.Select(f => f.DataType).ToArray();
        _names = schema.Fields.Select(f => f.Name).ToArray();
    }

    public override bool TryFrame(ReadOnlySpan<byte> buffer, bool isFinalBlock, out int recordLength, out int consumed)
    {
        if (_options.Quote is null && _options.Escape is null)
        {
            return LineFraming.TryFrame(buffer, isFinalBlock, out recordLength, out consumed);
        }

        var quote = _options.Quote ?? -1;
        var escape = _options.Escape ?? -1;
        var inQuote = false;
        var i = 0;
        while (i < buffer.Length)
        {
            var c = buffer[i];
            if (c == escape)
            {
                i += 2;
                continue;
            }

            if (c == quote)
            {
                inQuote = !inQuote;
            }
            else if (c == (byte)'\n' && !inQuote)
            {
                consumed = i + 1;
                recordLength = i > 0 && buffer[i - 1] == (byte)'\r' ? i - 1 : i;
                return true;
            }

            i++;
        }

        if (isFinalBlock && buffer.Length > 0)
        {
            consumed = buffer.Length;
            recordLength = buffer[^1] == (byte)'\r' ? buffer.Length - 1 : buffer.Length;
            return true;
        }

        recordLength = 0;
        consumed = 0;
        return false;
    }

    protected override int DecodeRecord(ReadOnlySpan<byte> record)
    {
        if (record.IsEmpty || (_options.AllowComments && record[0] == (byte)'#'))
        {
            return 0;
        }

        var position = 0;
        var column = 0;
        while (true)
        {
            if (column == _types.Length)
            {
                throw new RecordParseError(null, $"expected {_types.Length} fields, found more");
            }

            var text = ReadField(record, ref position, column, out var quoted);
            SetColumn(column, text, quoted);
            column++;
            if (position >= record.Length)
            {
                break;
            }

            position++; // the delimiter; a trailing one is followed by an empty field
        }

        if (column != _types.Length)
        {
            if (!_options.IgnoreParseErrors)
            {
                throw new RecordParseError(null, $"expected {_types.Length} fields, found {column}");
            }

            // As Flink: with ignore-parse-errors, a record with fewer fields reads the missing ones as null.
            for (; column < _types.Length; column++)
            {
                _stage.SetNull(column);
            }
        }

        _stage.CommitTo(Builder);
        return 1;
    }

    protected override void ResetStages() => _stage.Reset();

    /// <summary>Reads the field at <paramref name="position"/>, leaving it at the delimiter or the end.</summary>
    private ReadOnlySpan<byte> ReadField(ReadOnlySpan<byte> record, ref int position, int column, out bool quoted)
    {
        var delimiter = _options.FieldDelimiter;
        var escape = _options.Escape ?? -1;
        _scratchLength = 0;
        if (_options.Quote is { } quote && position < record.Length && record[position] == quote)
        {
            quoted = true;
            position++;
            while (true)
            {
                if (position >= record.Length)
                {
                    throw new RecordParseError(_names[column], "the quoted field is not closed");
                }

                var c = record[position];
                if (c == escape && position + 1 < record.Length)
                {
                    AppendScratch(record[position + 1]);
                    position += 2;
                }
                else if (c == quote)
                {
                    if (position + 1 < record.Length && record[position + 1] == quote)
                    {
                        AppendScratch(quote);
                        position += 2;
                    }
                    else
                    {
                        position++;
                        break;
                    }
                }
                else
                {
                    AppendScratch(c);
                    position++;
                }
            }

            if (position < record.Length && record[position] != delimiter)
            {
                throw new RecordParseError(_names[column],
                    $"unexpected character '{(char)record[position]}' after the closing quote (expected the field delimiter)");
            }

            return _scratch.AsSpan(0, _scratchLength);
        }

        quoted = false;
        var start = position;
        var escaped = false;
        while (position < record.Length && record[position] != delimiter)
        {
            if (record[position] == escape)
            {
                escaped = true;
                position++;
            }

            position++;
        }

        position = Math.Min(position, record.Length);
        if (!escaped)
        {
            return record[start..position];
        }

        for (var i = start; i < position; i++)
        {
            if (record[i] == escape && i + 1 < position)
            {
                i++;
            }

            AppendScratch(record[i]);
        }

        return _scratch.AsSpan(0, _scratchLength);
    }

    private void AppendScratch(byte value)
    {
        if (_scratchLength == _scratch.Length)
        {
            Array.Resize(ref _scratch, _scratch.Length * 2);
        }

        _scratch[_scratchLength++] = value;
    }

    private void SetColumn(int column, ReadOnlySpan<byte> text, bool quoted)
    {
        var type = _types[column];
        if (!quoted && _options.NullLiteral is { } nullLiteral && text.SequenceEqual(nullLiteral))
        {
            _stage.SetNull(column);
            return;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Utf8:
                _stage.SetBytes(column, text);
                return;
            case PhysicalType.Binary:
                var bytes = _stage.ReserveBytes(column, Base64.GetMaxDecodedFromUtf8Length(text.Length));
                if (Base64.DecodeFromUtf8(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
                {
                    throw new RecordParseError(_names[column], $"expected {type} as base64, found {ScalarText.Show(text)}");
                }

                _stage.CommitBytes(column, written);
                return;
        }

        if (ScalarText.Trim(text).IsEmpty)
        {
            _stage.SetNull(column);
            return;
        }

        switch (type.TypeId)
        {
            case TypeId.Array:
                _stage.SetObject(column, ParseList(text, type.ElementType!, _names[column], out _));
                return;
            case TypeId.Row:
                var fields = ParseList(text, null, _names[column], out var count);
                if (count != type.Fields.Count)
                {
                    throw new RecordParseError(_names[column], $"expected {type.Fields.Count} fields of {type}, found {count}");
                }

                for (var i = 0; i < count; i++)
                {
                    fields[i] = ParseElement(type.Fields[i].DataType, (byte[])fields[i]!, $"{_names[column]}.{type.Fields[i].Name}");
                }

                _stage.SetObject(column, fields);
                return;
        }

        if (!ScalarText.TryParse(type, text, out var value, out var problem))
        {
            throw new RecordParseError(_names[column], problem!);
        }

        _stage.SetScalar(column, value);
    }

    /// <summary>
    /// Splits an ARRAY or ROW field at the element delimiter; parses the elements when <paramref name="elementType"/> is
    /// given, else returns their raw bytes.
    /// </summary>
    private object?[] ParseList(ReadOnlySpan<byte> text, DataType? elementType, string path, out int count)
    {
        var delimiter = _options.ArrayElementDelimiter;
        var items = new List<object?>();
        while (true)
        {
            var end = text.IndexOf(delimiter);
            var item = end < 0 ? text : text[..end];
            items.Add(elementType is null ? item.ToArray() : ParseElement(elementType, item, $"{path}[{items.Count + 1}]"));
            if (end < 0)
            {
                break;
            }

            text = text[(end + delimiter.Length)..];
        }

        count = items.Count;
        return [.. items];
    }

    private object? ParseElement(DataType type, ReadOnlySpan<byte> text, string path)
    {
        if (_options.NullLiteral is { } nullLiteral && text.SequenceEqual(nullLiteral))
        {
            return null;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Utf8:
                return Encoding.UTF8.GetString(text);
            case PhysicalType.Binary:
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                if (Base64.DecodeFromUtf8(text, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
                {
                    throw new RecordParseError(path, $"expected {type} as base64, found {ScalarText.Show(text)}");
                }

                return bytes.AsSpan(0, written).ToArray();
        }

        if (ScalarText.Trim(text).IsEmpty)
        {
            return null;
        }

        if (!ScalarText.TryParse(type, text, out var value, out var problem))
        {
            throw new RecordParseError(path, problem!);
        }

        try
        {
            return RowStage.Box(type, value);
        }
        catch (OverflowException ex)
        {
            throw new RecordParseError(path, $"the value {ScalarText.Show(text)} is too large for a nested {type}", ex);
        }
    }
}
