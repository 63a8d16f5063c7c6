using System.Text;
using System.Text.Json;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Writing JSON as Flink's JSON functions produce it (compact, no spaces; strings escaped as Jackson does): SQL values
/// as JSON values (numbers as numbers, strings quoted, date-times as ISO strings, arrays, maps and rows as arrays and
/// objects), parsed elements re-serialized, and scalars as the text <c>JSON_VALUE</c> returns.
/// </summary>
internal static class JsonText
{
    /// <summary>Appends a JSON string literal of UTF-8 text.</summary>
    public static void WriteString(Utf8Buffer output, ReadOnlySpan<byte> text)
    {
        output.Append((byte)'"');
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            output.Append(text[start..i]);
            switch (c)
            {
                case (byte)'"':
                    output.Append("\\\""u8);
                    break;
                case (byte)'\\':
                    output.Append("\\\\"u8);
                    break;
                case (byte)'\n':
                    output.Append("\\n"u8);
                    break;
                case (byte)'\r':
                    output.Append("\\r"u8);
                    break;
                case (byte)'\t':
                    output.Append("\\t"u8);
                    break;
                case (byte)'\b':
                    output.Append("\\b"u8);
                    break;
                case (byte)'\f':
                    output.Append("\\f"u8);
                    break;
                default:
                    output.Append("\\u00"u8);
                    output.Append((byte)"0123456789ABCDEF"[c >> 4]);
                    output.Append((byte)"0123456789ABCDEF"[c & 0xF]);
                    break;
            }

            start = i + 1;
        }

        output.Append(text[start..]);
        output.Append((byte)'"');
    }

    /// <summary>Appends a parsed element, compact.</summary>
    public static void WriteElement(Utf8Buffer output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
            {
                output.Append((byte)'{');
                var first = true;
                foreach (var property in element.EnumerateObject())
                {
                    if (!first)
                    {
                        output.Append((byte)',');
                    }

                    first = false;
                    WriteString(output, Encoding.UTF8.GetBytes(property.Name));
                    output.Append((byte)':');
                    WriteElement(output, property.Value);
                }

                output.Append((byte)'}');
                break;
            }

            case JsonValueKind.Array:
            {
                output.Append((byte)'[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append((byte)',');
                    }

                    first = false;
                    WriteElement(output, item);
                }

                output.Append((byte)']');
                break;
            }

            case JsonValueKind.String:
                WriteString(output, Encoding.UTF8.GetBytes(element.GetString()!));
                break;
            default:
                output.Append(element.GetRawText());
                break;
        }
    }

    /// <summary>
    /// Appends the text of a scalar as <c>JSON_VALUE</c> returns it: a string's value, <c>true</c>/<c>false</c>, an
    /// integer's digits, a fractional number as Java prints its double (<c>1.50</c> becomes <c>1.5</c>).
    /// </summary>
    public static void WriteScalar(Utf8Buffer output, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                output.Append(element.GetString()!);
                break;
            case JsonValueKind.True:
                output.Append("true"u8);
                break;
            case JsonValueKind.False:
                output.Append("false"u8);
                break;
            default:
            {
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
                {
                    output.Append(raw);
                }
                else
                {
                    output.Advance(JavaNumberText.Format(element.GetDouble(), output.GetSpan(JavaNumberText.MaxLength)));
                }

                break;
            }
        }
    }

    /// <summary>Appends the non-null SQL value at <paramref name="row"/> as a JSON value.</summary>
    public static void WriteValue(Utf8Buffer output, ColumnVector vector, int row, EvaluationContext context)
    {
        if (vector.IsNull(row))
        {
            output.Append("null"u8);
            return;
        }

        var type = vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                output.Append(((BooleanVector)vector)[row] ? "true"u8 : "false"u8);
                break;
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt or TypeId.Float or TypeId.Double or TypeId.Decimal:
                ValueText.Write(output, vector, row, context);
                break;
            case TypeId.Char or TypeId.VarChar:
                WriteString(output, ((BytesVector)vector).GetBytes(row));
                break;
            case TypeId.Binary or TypeId.VarBinary:
                WriteString(output, Encoding.ASCII.GetBytes(Convert.ToBase64String(((BytesVector)vector).GetBytes(row))));
                break;
            case TypeId.Array or TypeId.Multiset:
            {
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(row);
                output.Append((byte)'[');
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        output.Append((byte)',');
                    }

                    WriteValue(output, list.Elements, start + i, context);
                }

                output.Append((byte)']');
                break;
            }

            case TypeId.Map:
            {
                var map = (MapVector)vector;
                var (start, count) = map.GetRange(row);
                output.Append((byte)'{');
                var key = new Utf8Buffer();
                for (var i = 0; i < count; i++)
                {
                    if (i > 0)
                    {
                        output.Append((byte)',');
                    }

                    key.Clear();
                    if (!map.Keys.IsNull(start + i))
                    {
                        ValueText.Write(key, map.Keys, start + i, context);
                    }

                    WriteString(output, key.Span);
                    output.Append((byte)':');
                    WriteValue(output, map.Values, start + i, context);
                }

                output.Append((byte)'}');
                break;
            }

            case TypeId.Row:
            {
                var fields = (StructVector)vector;
                output.Append((byte)'{');
                for (var i = 0; i < fields.ChildCount; i++)
                {
                    if (i > 0)
                    {
                        output.Append((byte)',');
                    }

                    WriteString(output, Encoding.UTF8.GetBytes(type.Fields[i].Name));
                    output.Append((byte)':');
                    WriteValue(output, fields.Child(i), row, context);
                }

                output.Append((byte)'}');
                break;
            }

            default:
            {
                // Dates, times, timestamps and intervals as strings; timestamps in ISO form with a 'T'.
                var text = new Utf8Buffer();
                ValueText.Write(text, vector, row, context);
                var bytes = text.Span.ToArray();
                if (type.TypeId is TypeId.Timestamp or TypeId.TimestampLtz)
                {
                    var space = Array.IndexOf(bytes, (byte)' ');
                    if (space > 0)
                    {
                        bytes[space] = (byte)'T';
                    }
                }

                WriteString(output, bytes);
                break;
            }
        }
    }

    /// <summary>True when the raw text parses as a JSON document.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(utf8);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
        }
    }
}
