using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats.Common;

namespace Sluice.Formats.Json;

/// <summary>
/// Reads a JSON object into a <see cref="RowStage"/> by column name: top-level scalars unboxed, nested values boxed.
/// Throws <see cref="RecordParseError"/> naming the column path (<c>address.zip</c>, <c>tags[2]</c>). Shared by the
/// json and debezium-json decoders; keeps a scratch buffer, so not thread-safe.
/// </summary>
internal sealed class JsonRowReader
{
    private readonly DataType[] _types;
    private readonly string[] _names;
    private readonly byte[][] _utf8Names;
    private readonly JsonOptions _options;
    private readonly Core.Variants.VariantBuilder _variants = new();
    private byte[] _scratch = new byte[256];

    public JsonRowReader(Schema schema, JsonOptions options)
    {
        _types = schema.Fields.Select(f => f.DataType).ToArray();
        _names = schema.Fields.Select(f => f.Name).ToArray();
        _utf8Names = _names.Select(Encoding.UTF8.GetBytes).ToArray();
        _options = options;
    }

    /// <summary>Reads the object the reader is on (its start token) through its end token into <paramref name="stage"/>.</summary>
    /// <param name="reader">A reader over <paramref name="record"/>, on a <see cref="JsonTokenType.StartObject"/>.</param>
    /// <param name="record">The whole input of the reader (for the raw text of values read into strings).</param>
    /// <param name="stage">Receives the columns.</param>
    public void ReadRow(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, RowStage stage)
    {
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var column = FindColumn(ref reader, next);
            reader.Read();
            if (column < 0)
            {
                reader.Skip();
                continue;
            }

            ReadColumn(ref reader, record, column, stage);
            next = column + 1;
        }

        if (_options.FailOnMissing)
        {
            for (var i = 0; i < _types.Length; i++)
            {
                if (!stage.IsSet(i))
                {
                    throw new RecordParseError(_names[i], "the field is missing (and 'fail-on-missing-field' is set)");
                }
            }
        }
    }

    private int FindColumn(ref Utf8JsonReader reader, int hint)
    {
        for (var k = 0; k < _utf8Names.Length; k++)
        {
            var i = (hint + k) % _utf8Names.Length;
            if (reader.ValueTextEquals(_utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private void ReadColumn(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, int column, RowStage stage)
    {
        var type = _types[column];
        if (reader.TokenType == JsonTokenType.Null)
        {
            stage.SetNull(column);
            return;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Utf8:
                if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
                {
                    var span = stage.ReserveBytes(column, reader.ValueSpan.Length);
                    stage.CommitBytes(column, reader.CopyString(span));
                }
                else
                {
                    stage.SetBytes(column, RawText(ref reader, record));
                }

                return;
            case PhysicalType.Binary when type.TypeId == TypeId.Variant:
                // Any JSON value (a JSON null is SQL NULL above); a repeated key keeps its last value, as Jackson's tree.
                _variants.ReadJsonValue(ref reader, allowDuplicateKeys: true);
                stage.SetBytes(column, _variants.Result);
                return;
            case PhysicalType.Binary:
                var base64 = StringText(ref reader, type, _names[column]);
                var bytes = stage.ReserveBytes(column, Base64.GetMaxDecodedFromUtf8Length(base64.Length));
                if (Base64.DecodeFromUtf8(base64, bytes, out _, out var written) != OperationStatus.Done)
                {
                    throw new RecordParseError(_names[column], $"expected {type} as a base64 string, found {ScalarText.Show(base64)}");
                }

                stage.CommitBytes(column, written);
                return;
            case PhysicalType.List or PhysicalType.Map or PhysicalType.Struct:
                stage.SetObject(column, ReadNested(ref reader, record, type, _names[column]));
                return;
            default:
                stage.SetScalar(column, ReadScalar(ref reader, type, _names[column]));
                return;
        }
    }

    private Scalar ReadScalar(ref Utf8JsonReader reader, DataType type, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True or JsonTokenType.False when type.TypeId == TypeId.Boolean:
                return new Scalar { Long = reader.TokenType == JsonTokenType.True ? 1 : 0 };
            case JsonTokenType.Number or JsonTokenType.String:
                var text = reader.TokenType == JsonTokenType.String ? StringText(ref reader, type, path) : reader.ValueSpan;
                if (type.TypeId is TypeId.Timestamp or TypeId.TimestampLtz && reader.TokenType == JsonTokenType.String)
                {
                    CheckTimestampStandard(text, type, path);
                }

                if (!ScalarText.TryParse(type, text, out var value, out var problem))
                {
                    throw new RecordParseError(path, problem!);
                }

                return value;
            default:
                throw new RecordParseError(path, $"expected {type}, found {Describe(reader.TokenType)}");
        }
    }

    private object? ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, DataType type, string path)
    {
        switch (type.TypeId)
        {
            case TypeId.Array:
            {
                Expect(ref reader, JsonTokenType.StartArray, type, path);
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    items.Add(ReadBoxed(ref reader, record, type.ElementType!, $"{path}[{items.Count + 1}]"));
                }

                return items.ToArray();
            }

            case TypeId.Multiset:
            {
                Expect(ref reader, JsonTokenType.StartObject, type, path);
                var items = new List<object?>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var element = ReadKey(ref reader, type.ElementType!, path);
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var count) || count < 0)
                    {
                        throw new RecordParseError(path, $"expected the count of a MULTISET element, found {Describe(reader.TokenType)}");
                    }

                    for (var i = 0; i < count; i++)
                    {
                        items.Add(element);
                    }
                }

                return items.ToArray();
            }

            case TypeId.Map:
            {
                Expect(ref reader, JsonTokenType.StartObject, type, path);
                var pairs = new List<KeyValuePair<object?, object?>>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = ReadKey(ref reader, type.KeyType!, path);
                    reader.Read();
                    pairs.Add(new KeyValuePair<object?, object?>(key, ReadBoxed(ref reader, record, type.ValueType!, $"{path}['{key}']")));
                }

                return pairs.ToArray();
            }

            default:
            {
                Expect(ref reader, JsonTokenType.StartObject, type, path);
                var fields = type.Fields;
                var values = new object?[fields.Count];
                var seen = new bool[fields.Count];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var index = -1;
                    for (var i = 0; i < fields.Count; i++)
                    {
                        if (reader.ValueTextEquals(fields[i].Name))
                        {
                            index = i;
                            break;
                        }
                    }

                    reader.Read();
                    if (index < 0)
                    {
                        reader.Skip();
                        continue;
                    }

                    values[index] = ReadBoxed(ref reader, record, fields[index].DataType, $"{path}.{fields[index].Name}");
                    seen[index] = true;
                }

                if (_options.FailOnMissing && Array.IndexOf(seen, false) is var missing and >= 0)
                {
                    throw new RecordParseError($"{path}.{fields[missing].Name}", "the field is missing (and 'fail-on-missing-field' is set)");
                }

                return values;
            }
        }
    }

    private object? ReadBoxed(ref Utf8JsonReader reader, ReadOnlySpan<byte> record, DataType type, string path)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        switch (type.PhysicalType)
        {
            case PhysicalType.Utf8:
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : Encoding.UTF8.GetString(RawText(ref reader, record));
            case PhysicalType.Binary when type.TypeId == TypeId.Variant:
                _variants.ReadJsonValue(ref reader, allowDuplicateKeys: true);
                return _variants.Result.ToArray();
            case PhysicalType.Binary:
                var base64 = StringText(ref reader, type, path);
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(base64.Length)];
                if (Base64.DecodeFromUtf8(base64, bytes, out _, out var written) != OperationStatus.Done)
                {
                    throw new RecordParseError(path, $"expected {type} as a base64 string, found {ScalarText.Show(base64)}");
                }

                return bytes.AsSpan(0, written).ToArray();
            case PhysicalType.List or PhysicalType.Map or PhysicalType.Struct:
                return ReadNested(ref reader, record, type, path);
            default:
                var value = ReadScalar(ref reader, type, path);
                try
                {
                    return RowStage.Box(type, value);
                }
                catch (OverflowException ex)
                {
                    throw new RecordParseError(path, $"the value is too large for a nested {type}", ex);
                }
        }
    }

    /// <summary>
    /// As Flink, a timestamp is read in the form of <c>timestamp-format.standard</c> only: 'SQL' rejects
    /// <c>2024-01-31T10:00:00</c>, 'ISO-8601' rejects <c>2024-01-31 10:00:00</c>.
    /// </summary>
    private void CheckTimestampStandard(ReadOnlySpan<byte> text, DataType type, string path)
    {
        var other = _options.IsoTimestamps ? (byte)' ' : (byte)'T';
        if (text.Length > 10 && text[10] == other)
        {
            var (standard, form) = _options.IsoTimestamps ? ("ISO-8601", "yyyy-MM-ddTHH:mm:ss") : ("SQL", "yyyy-MM-dd HH:mm:ss");
            throw new RecordParseError(path,
                $"expected {type} in the {standard} form '{form}' ('timestamp-format.standard' = '{standard}'), found {ScalarText.Show(text)}");
        }
    }

    /// <summary>Parses a property name as a MAP key or MULTISET element of <paramref name="type"/>.</summary>
    private object? ReadKey(ref Utf8JsonReader reader, DataType type, string path)
    {
        var text = reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan;
        switch (type.PhysicalType)
        {
            case PhysicalType.Utf8:
                return Encoding.UTF8.GetString(text);
            case PhysicalType.Binary:
                var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
                if (Base64.DecodeFromUtf8(text, bytes, out _, out var written) != OperationStatus.Done)
                {
                    throw new RecordParseError(path, $"expected a key of {type} as base64, found {ScalarText.Show(text)}");
                }

                return bytes.AsSpan(0, written).ToArray();
        }

        if (!ScalarText.IsScalar(type))
        {
            throw new RecordParseError(path, $"keys of type {type} cannot be read from JSON object keys");
        }

        if (!ScalarText.TryParse(type, text, out var value, out var problem))
        {
            throw new RecordParseError(path, "key: " + problem);
        }

        return RowStage.Box(type, value);
    }

    /// <summary>The text of a string token (unescaped), for types that must be strings.</summary>
    private ReadOnlySpan<byte> StringText(ref Utf8JsonReader reader, DataType type, string path)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new RecordParseError(path, $"expected {type} as a string, found {Describe(reader.TokenType)}");
        }

        return reader.ValueIsEscaped ? Unescape(ref reader) : reader.ValueSpan;
    }

    private ReadOnlySpan<byte> Unescape(ref Utf8JsonReader reader)
    {
        if (_scratch.Length < reader.ValueSpan.Length)
        {
            _scratch = new byte[Math.Max(reader.ValueSpan.Length, _scratch.Length * 2)];
        }

        var written = reader.CopyString(_scratch);
        return _scratch.AsSpan(0, written);
    }

    /// <summary>The text of the current value as written: a number's digits, or the JSON of an object or array.</summary>
    private static ReadOnlySpan<byte> RawText(ref Utf8JsonReader reader, ReadOnlySpan<byte> record)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            return record[start..(int)reader.BytesConsumed];
        }

        return reader.ValueSpan;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected, DataType type, string path)
    {
        if (reader.TokenType != expected)
        {
            throw new RecordParseError(path, $"expected {type} as a JSON {(expected == JsonTokenType.StartArray ? "array" : "object")}, " +
                $"found {Describe(reader.TokenType)}");
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
