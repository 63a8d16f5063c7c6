using System.Text;
using System.Text.Json;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Common;

namespace Sluice.Formats.Json;

/// <summary>
/// Writes a row of a <see cref="RecordBatch"/> as a JSON object (see <see cref="JsonFormatFactory"/> for the values).
/// Shared by the json and debezium-json encoders. Has scratch buffers: create one per <c>Encode</c> call (not thread-safe).
/// </summary>
internal sealed class JsonRowWriter
{
    private readonly JsonEncodedText[] _names;
    private readonly JsonOptions _options;
    private readonly char _separator;
    private readonly StringBuilder _text = new();
    private char[] _chars = new char[64];

    public JsonRowWriter(JsonEncodedText[] names, JsonOptions options)
    {
        _names = names;
        _options = options;
        _separator = options.IsoTimestamps ? 'T' : ' ';
    }

    /// <summary>The encoded column names of <paramref name="schema"/>, to share between writers.</summary>
    public static JsonEncodedText[] EncodeNames(Schema schema) => schema.Fields.Select(f => JsonEncodedText.Encode(f.Name, JacksonJsonEncoder.Instance)).ToArray();

    /// <summary>Writes physical row <paramref name="row"/> of <paramref name="batch"/> as an object.</summary>
    public void WriteRow(Utf8JsonWriter writer, RecordBatch batch, int row)
    {
        writer.WriteStartObject();
        for (var column = 0; column < _names.Length; column++)
        {
            var vector = batch.Column(column);
            if (vector.IsNull(row))
            {
                if (!_options.SkipNullFields)
                {
                    writer.WriteNull(_names[column]);
                }

                continue;
            }

            writer.WritePropertyName(_names[column]);
            WriteValue(writer, vector, row);
        }

        writer.WriteEndObject();
    }

    private void WriteValue(Utf8JsonWriter writer, ColumnVector vector, int index)
    {
        if (vector.IsNull(index))
        {
            writer.WriteNullValue();
            return;
        }

        var type = vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                writer.WriteBooleanValue(((BooleanVector)vector)[index]);
                break;
            case TypeId.TinyInt:
                writer.WriteNumberValue(((PrimitiveVector<sbyte>)vector)[index]);
                break;
            case TypeId.SmallInt:
                writer.WriteNumberValue(((PrimitiveVector<short>)vector)[index]);
                break;
            case TypeId.Int:
                writer.WriteNumberValue(((PrimitiveVector<int>)vector)[index]);
                break;
            case TypeId.BigInt:
                writer.WriteNumberValue(((PrimitiveVector<long>)vector)[index]);
                break;
            case TypeId.Float or TypeId.Double:
                var number = type.TypeId == TypeId.Float ? ((PrimitiveVector<float>)vector)[index] : ((PrimitiveVector<double>)vector)[index];
                WriteText(writer, vector, index, raw: double.IsFinite(number));
                break;
            case TypeId.Decimal:
                WriteText(writer, vector, index, raw: true, javaDecimal: !_options.PlainDecimals);
                break;
            case TypeId.Char or TypeId.VarChar:
                writer.WriteStringValue(((BytesVector)vector).GetBytes(index));
                break;
            case TypeId.Binary or TypeId.VarBinary:
                writer.WriteBase64StringValue(((BytesVector)vector).GetBytes(index));
                break;
            case TypeId.Variant:
                // The JSON value itself, as Flink's json format writes a VARIANT.
                Core.Variants.VariantJson.Write(writer, new Core.Variants.VariantValue(((BytesVector)vector).GetBytes(index)));
                break;
            case TypeId.Array:
            {
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(index);
                writer.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    WriteValue(writer, list.Elements, start + i);
                }

                writer.WriteEndArray();
                break;
            }

            case TypeId.Multiset:
            {
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(index);
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                var order = new List<string>();
                for (var i = 0; i < count; i++)
                {
                    var key = KeyText(list.Elements, start + i);
                    if (key is null)
                    {
                        continue;
                    }

                    if (counts.TryGetValue(key, out var n))
                    {
                        counts[key] = n + 1;
                    }
                    else
                    {
                        counts[key] = 1;
                        order.Add(key);
                    }
                }

                writer.WriteStartObject();
                foreach (var key in order)
                {
                    writer.WriteNumber(key, counts[key]);
                }

                writer.WriteEndObject();
                break;
            }

            case TypeId.Map:
            {
                var map = (MapVector)vector;
                var (start, count) = map.GetRange(index);
                writer.WriteStartObject();
                for (var i = 0; i < count; i++)
                {
                    var key = KeyText(map.Keys, start + i);
                    if (key is null)
                    {
                        continue;
                    }

                    writer.WritePropertyName(key);
                    WriteValue(writer, map.Values, start + i);
                }

                writer.WriteEndObject();
                break;
            }

            case TypeId.Row:
            {
                var structure = (StructVector)vector;
                writer.WriteStartObject();
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    var child = structure.Child(i);
                    if (_options.SkipNullFields && child.IsNull(index))
                    {
                        continue;
                    }

                    writer.WritePropertyName(type.Fields[i].Name);
                    WriteValue(writer, child, index);
                }

                writer.WriteEndObject();
                break;
            }

            default:
                WriteText(writer, vector, index, raw: false);
                break;
        }
    }

    /// <summary>The text of a MAP key or MULTISET element, or null to leave the entry out (a null key with mode DROP).</summary>
    private string? KeyText(ColumnVector keys, int index)
    {
        if (keys.IsNull(index))
        {
            return _options.NullKeyMode switch
            {
                MapNullKeyMode.Drop => null,
                MapNullKeyMode.Literal => _options.NullKeyLiteral,
                _ => throw new SluiceException(
                    "The JSON format cannot write a MAP with a null key. Set 'map-null-key.mode' to 'DROP' to leave such " +
                    "entries out, or to 'LITERAL' to write the key as 'map-null-key.literal'.", ErrorDomain.User),
            };
        }

        if (keys.DataType.PhysicalType == PhysicalType.Utf8)
        {
            return ((BytesVector)keys).GetString(index);
        }

        if (keys.DataType.IsNested)
        {
            throw new SluiceException($"The JSON format cannot write MAP keys of type {keys.DataType}.", ErrorDomain.User);
        }

        _text.Clear();
        CellText.Append(_text, keys, index, _separator);
        return _text.ToString();
    }

    /// <summary>Writes a cell's text (see <see cref="CellText"/>) as a raw JSON number or as a string.</summary>
    private void WriteText(Utf8JsonWriter writer, ColumnVector vector, int index, bool raw, bool javaDecimal = false)
    {
        _text.Clear();
        CellText.Append(_text, vector, index, _separator);
        if (javaDecimal)
        {
            ToJavaDecimalText(_text);
        }

        if (_chars.Length < _text.Length)
        {
            _chars = new char[Math.Max(_text.Length, _chars.Length * 2)];
        }

        _text.CopyTo(0, _chars, 0, _text.Length);
        var span = _chars.AsSpan(0, _text.Length);
        if (raw)
        {
            writer.WriteRawValue(span, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(span);
        }
    }

    /// <summary>
    /// Rewrites the plain text of a decimal as Java's <c>BigDecimal.toString()</c> does: plain while the adjusted
    /// exponent (the power of ten of the first significant digit) is at least -6, else <c>d[.ddd]E-n</c>.
    /// </summary>
    internal static void ToJavaDecimalText(StringBuilder text)
    {
        var plain = text.ToString();
        var negative = plain.StartsWith('-');
        var body = negative ? plain[1..] : plain;
        var point = body.IndexOf('.', StringComparison.Ordinal);
        var scale = point < 0 ? 0 : body.Length - point - 1;
        var digits = (point < 0 ? body : body.Remove(point, 1)).TrimStart('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var adjusted = -scale + (digits.Length - 1);
        if (adjusted >= -6)
        {
            return;
        }

        text.Clear();
        if (negative && digits != "0")
        {
            text.Append('-');
        }

        text.Append(digits[0]);
        if (digits.Length > 1)
        {
            text.Append('.').Append(digits, 1, digits.Length - 1);
        }

        text.Append('E').Append(adjusted.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
