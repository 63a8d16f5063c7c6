using System.Buffers;
using System.Text;
using System.Text.Json;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Expressions;

namespace Sluice.Sql.Physical.Results;

/// <summary>
/// Writes one value of a column as JSON: integers and finite floating-point numbers as numbers (floating point in
/// Java's notation, <see cref="JavaNumberText"/>), <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c> as strings,
/// <c>BOOLEAN</c> as true/false, <c>NULL</c> as null, <c>ARRAY</c> and <c>MULTISET</c> as arrays, <c>MAP</c> as an
/// object whose keys are the keys' text forms, <c>ROW</c> as an object by field name, and every other type as a
/// string of its text form (<see cref="ResultText"/>).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ResultJson
{
    /// <summary>
    /// Writer options of every JSON the CLI prints: compact, strings escaped as Flink's Jackson escapes them (only
    /// <c>"</c>, <c>\</c> and control characters; emoji, CJK and <c>&lt;&gt;&amp;'</c> written as they are).
    /// </summary>
    public static JsonWriterOptions Options { get; } = new()
    {
        Encoder = JacksonJsonEncoder.Instance,
        Indented = false,
    };

    /// <summary>Writes the value at <paramref name="row"/> (a physical row) of <paramref name="column"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ResultText text, ColumnVector column, int row)
    {
        if (column.IsNull(row) || column.DataType.TypeId == TypeId.Null)
        {
            writer.WriteNullValue();
            return;
        }

        var type = column.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                writer.WriteBooleanValue(((BooleanVector)column)[row]);
                break;
            case TypeId.TinyInt:
                writer.WriteNumberValue(((PrimitiveVector<sbyte>)column)[row]);
                break;
            case TypeId.SmallInt:
                writer.WriteNumberValue(((PrimitiveVector<short>)column)[row]);
                break;
            case TypeId.Int:
                writer.WriteNumberValue(((PrimitiveVector<int>)column)[row]);
                break;
            case TypeId.BigInt:
                writer.WriteNumberValue(((PrimitiveVector<long>)column)[row]);
                break;
            case TypeId.Float:
                WriteFloatingPoint(writer, ((PrimitiveVector<float>)column)[row], JavaNumberText.Format(((PrimitiveVector<float>)column)[row]));
                break;
            case TypeId.Double:
                WriteFloatingPoint(writer, ((PrimitiveVector<double>)column)[row], JavaNumberText.Format(((PrimitiveVector<double>)column)[row]));
                break;
            case TypeId.Variant:
                // The JSON value itself (a JSON null as null), not its text in a string.
                Core.Variants.VariantJson.Write(writer, new Core.Variants.VariantValue(((BytesVector)column).GetBytes(row)));
                break;
            case TypeId.Array or TypeId.Multiset:
                var list = (ListVector)column;
                var (start, count) = list.GetRange(row);
                writer.WriteStartArray();
                for (var i = start; i < start + count; i++)
                {
                    Write(writer, text, list.Elements, i);
                }

                writer.WriteEndArray();
                break;
            case TypeId.Map:
                var map = (MapVector)column;
                var (first, pairs) = map.GetRange(row);
                writer.WriteStartObject();
                for (var i = first; i < first + pairs; i++)
                {
                    writer.WritePropertyName(text.Format(map.Keys, i) ?? "null");
                    Write(writer, text, map.Values, i);
                }

                writer.WriteEndObject();
                break;
            case TypeId.Row:
                var structure = (StructVector)column;
                writer.WriteStartObject();
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    writer.WritePropertyName(type.Fields[i].Name);
                    Write(writer, text, structure.Child(i), row);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStringValue(text.Format(column, row));
                break;
        }
    }

    /// <summary>The value at <paramref name="row"/> as compact JSON text (the text form of nested values).</summary>
    public static string ToJson(ResultText text, ColumnVector column, int row)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, text, column, row);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteFloatingPoint(Utf8JsonWriter writer, double value, string text)
    {
        if (double.IsFinite(value))
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }
}
