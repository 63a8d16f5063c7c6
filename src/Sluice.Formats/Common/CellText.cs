using System.Buffers;
using System.Globalization;
using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Text;

namespace Sluice.Formats.Common;

/// <summary>
/// Writes one non-null, non-nested cell of a column vector as text, the way the text formats (csv, and json for
/// the types it writes as strings) spell it. Stateless and thread-safe.
/// </summary>
internal static class CellText
{
    /// <summary>Appends the value at <paramref name="index"/> (not null) of a scalar, string or binary vector.</summary>
    public static void Append(StringBuilder builder, ColumnVector vector, int index, char timestampSeparator = ' ')
    {
        var type = vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                builder.Append(((BooleanVector)vector)[index] ? "true" : "false");
                break;
            case TypeId.TinyInt:
                builder.Append(CultureInfo.InvariantCulture, $"{((PrimitiveVector<sbyte>)vector)[index]}");
                break;
            case TypeId.SmallInt:
                builder.Append(CultureInfo.InvariantCulture, $"{((PrimitiveVector<short>)vector)[index]}");
                break;
            case TypeId.Int:
                builder.Append(CultureInfo.InvariantCulture, $"{((PrimitiveVector<int>)vector)[index]}");
                break;
            case TypeId.BigInt:
                builder.Append(CultureInfo.InvariantCulture, $"{((PrimitiveVector<long>)vector)[index]}");
                break;
            case TypeId.Float:
                ValueText.AppendFloat(builder, ((PrimitiveVector<float>)vector)[index]);
                break;
            case TypeId.Double:
                ValueText.AppendDouble(builder, ((PrimitiveVector<double>)vector)[index]);
                break;
            case TypeId.Decimal:
                ValueText.AppendDecimal(builder, Unscaled(vector, index), type.Scale);
                break;
            case TypeId.Char or TypeId.VarChar:
                AppendUtf8(builder, ((BytesVector)vector).GetBytes(index));
                break;
            case TypeId.Binary or TypeId.VarBinary:
                AppendBase64(builder, ((BytesVector)vector).GetBytes(index));
                break;
            case TypeId.Variant:
                builder.Append(Core.Variants.VariantJson.ToJson(((BytesVector)vector).GetBytes(index)));
                break;
            case TypeId.Date:
                ValueText.AppendDate(builder, ((PrimitiveVector<int>)vector)[index]);
                break;
            case TypeId.Time:
                ValueText.AppendTime(builder, ((PrimitiveVector<long>)vector)[index], ValueText.MinimalFraction);
                break;
            case TypeId.Timestamp:
                ValueText.AppendTimestamp(builder, ((PrimitiveVector<long>)vector)[index], type, ValueText.MinimalFraction, timestampSeparator);
                break;
            case TypeId.TimestampLtz:
                ValueText.AppendTimestamp(builder, ((PrimitiveVector<long>)vector)[index], type, ValueText.MinimalFraction, timestampSeparator);
                builder.Append('Z');
                break;
            case TypeId.IntervalYearMonth:
                ValueText.AppendIntervalYearMonth(builder, ((PrimitiveVector<int>)vector)[index]);
                break;
            case TypeId.IntervalDayTime:
                ValueText.AppendIntervalDayTime(builder, ((PrimitiveVector<long>)vector)[index], type.Precision);
                break;
            default:
                throw new InvalidOperationException($"{type} is not a scalar type.");
        }
    }

    /// <summary>The unscaled value of a DECIMAL cell.</summary>
    public static Int128 Unscaled(ColumnVector vector, int index) =>
        vector is PrimitiveVector<long> small ? small[index] : ((PrimitiveVector<Int128>)vector)[index];

    /// <summary>Appends UTF-8 bytes as characters.</summary>
    public static void AppendUtf8(StringBuilder builder, ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 256)
        {
            Span<char> chars = stackalloc char[256];
            var count = Encoding.UTF8.GetChars(utf8, chars);
            builder.Append(chars[..count]);
            return;
        }

        var rented = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(utf8.Length));
        var written = Encoding.UTF8.GetChars(utf8, rented);
        builder.Append(rented, 0, written);
        ArrayPool<char>.Shared.Return(rented);
    }

    /// <summary>Appends bytes in base64.</summary>
    public static void AppendBase64(StringBuilder builder, ReadOnlySpan<byte> bytes)
    {
        var length = ((bytes.Length + 2) / 3) * 4;
        var rented = ArrayPool<char>.Shared.Rent(Math.Max(length, 4));
        Convert.TryToBase64Chars(bytes, rented, out var written);
        builder.Append(rented, 0, written);
        ArrayPool<char>.Shared.Return(rented);
    }

    /// <summary>Writes the characters of <paramref name="builder"/> as UTF-8 to <paramref name="output"/>.</summary>
    public static void WriteUtf8(StringBuilder builder, IBufferWriter<byte> output)
    {
        var length = builder.Length;
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(length, 1));
        builder.CopyTo(0, chars, 0, length);
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(length));
        var written = Encoding.UTF8.GetBytes(chars.AsSpan(0, length), span);
        output.Advance(written);
        ArrayPool<char>.Shared.Return(chars);
    }

    /// <summary>A scalar cell as text (for map keys and messages).</summary>
    public static string ToText(ColumnVector vector, int index)
    {
        var builder = new StringBuilder();
        Append(builder, vector, index);
        return builder.ToString();
    }
}
