using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Sluice.Core.Serialization;

namespace Sluice.Core.Variants;

/// <summary>
/// The JSON text of a <c>VARIANT</c>, as Flink's <c>BinaryVariant.toJson</c> (Spark's) writes it: compact, object
/// fields in key order, strings escaped as Jackson does (<see cref="JacksonJsonEncoder"/>), integers as digits,
/// decimals in plain notation without trailing zeros (<c>1.50</c> → <c>1.5</c>), doubles and floats as Java prints
/// them (<c>100.0</c>, <c>1.0E20</c>), dates and timestamps as quoted ISO text, bytes as quoted Base64.
/// </summary>
public static class VariantJson
{
    private static readonly JsonWriterOptions Options = JacksonJsonEncoder.CompactWriterOptions;

    /// <summary>The JSON text of an encoded variant (metadata followed by value).</summary>
    public static string ToJson(ReadOnlySpan<byte> encoded) => ToJson(new VariantValue(encoded));

    /// <summary>The JSON text of a variant value.</summary>
    public static string ToJson(VariantValue value)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, value);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the JSON of <paramref name="value"/> to <paramref name="writer"/> as one JSON value.</summary>
    public static void Write(Utf8JsonWriter writer, VariantValue value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value.Kind)
        {
            case VariantKind.Null:
                writer.WriteNullValue();
                break;
            case VariantKind.Boolean:
                writer.WriteBooleanValue(value.GetBoolean());
                break;
            case VariantKind.Integer:
                writer.WriteNumberValue(value.GetInt64());
                break;
            case VariantKind.Double:
                writer.WriteRawValue(JavaDouble(value.GetDouble()), skipInputValidation: true);
                break;
            case VariantKind.Float:
                writer.WriteRawValue(JavaDouble(value.GetFloat(), true), skipInputValidation: true);
                break;
            case VariantKind.Decimal:
                var (unscaled, scale) = value.GetDecimal();
                writer.WriteRawValue(PlainDecimal(unscaled, scale), skipInputValidation: true);
                break;
            case VariantKind.String:
                writer.WriteStringValue(value.GetUtf8());
                break;
            case VariantKind.Date:
                writer.WriteStringValue(DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + value.GetDate())
                    .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case VariantKind.Timestamp:
                writer.WriteStringValue(DateTime.UnixEpoch.AddTicks(value.GetTimestampMicros() * 10)
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture));
                break;
            case VariantKind.TimestampLtz:
                writer.WriteStringValue(DateTime.UnixEpoch.AddTicks(value.GetTimestampMicros() * 10)
                    .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF", CultureInfo.InvariantCulture) + "Z");
                break;
            case VariantKind.Binary:
                writer.WriteBase64StringValue(value.GetBinary());
                break;
            case VariantKind.Object:
                writer.WriteStartObject();
                for (var i = 0; i < value.Count; i++)
                {
                    writer.WritePropertyName(value.GetFieldNameUtf8(i));
                    Write(writer, value.GetFieldValue(i));
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartArray();
                for (var i = 0; i < value.Count; i++)
                {
                    Write(writer, value.GetElement(i));
                }

                writer.WriteEndArray();
                break;
        }
    }

    /// <summary>A decimal's plain text without trailing fraction zeros (Java's <c>stripTrailingZeros().toPlainString()</c>).</summary>
    public static string PlainDecimal(Int128 unscaled, int scale)
    {
        while (scale > 0 && unscaled % 10 == 0)
        {
            unscaled /= 10;
            scale--;
        }

        var negative = unscaled < 0;
        var digits = Int128.Abs(unscaled).ToString(CultureInfo.InvariantCulture);
        if (scale > 0)
        {
            digits = digits.PadLeft(scale + 1, '0');
            digits = digits[..^scale] + "." + digits[^scale..];
        }

        return negative ? "-" + digits : digits;
    }

    /// <summary>Java's <c>Double.toString</c> (or <c>Float.toString</c>) of a number.</summary>
    internal static string JavaDouble(double value, bool isFloat = false)
    {
        if (double.IsNaN(value))
        {
            return "\"NaN\"";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "\"Infinity\"" : "\"-Infinity\"";
        }

        var roundTrip = isFloat ? ((float)value).ToString("R", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

        // Split the shortest round-trip text into sign, significant digits and the exponent of the first digit.
        var negative = roundTrip.StartsWith('-');
        var text = negative ? roundTrip[1..] : roundTrip;
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }

        var point = text.IndexOf('.');
        var digits = point < 0 ? text : text.Remove(point, 1);
        var pointIndex = point < 0 ? text.Length : point;
        var start = 0;
        while (start < digits.Length - 1 && digits[start] == '0')
        {
            start++;
        }

        var firstDigitExponent = pointIndex - start - 1 + exponent;
        var significant = digits[start..].TrimEnd('0');
        if (significant.Length == 0)
        {
            return negative ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(value);
        string result;
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (firstDigitExponent < 0)
            {
                result = "0." + new string('0', -firstDigitExponent - 1) + significant;
            }
            else
            {
                var integerDigits = firstDigitExponent + 1;
                var integer = significant.Length >= integerDigits ? significant[..integerDigits] : significant.PadRight(integerDigits, '0');
                var fraction = significant.Length > integerDigits ? significant[integerDigits..] : "0";
                result = integer + "." + fraction;
            }
        }
        else
        {
            var fraction = significant.Length > 1 ? significant[1..] : "0";
            result = significant[0] + "." + fraction + "E" + firstDigitExponent.ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }
}
