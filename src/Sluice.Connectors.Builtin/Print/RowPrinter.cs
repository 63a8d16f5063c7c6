using System.Globalization;
using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Formats.Text;

namespace Sluice.Connectors.Builtin.Print;

/// <summary>
/// Formats rows as Flink's print connector does (<c>Row.toString</c> of the external values): <c>+I[1, a, null]</c>.
/// Numbers and decimals as Java prints them (<c>1.0</c>, <c>12.30</c>); BOOLEAN <c>true</c>; BYTES as signed bytes
/// <c>[1, -2]</c>; DATE <c>2024-01-02</c>; TIME and TIMESTAMP as <c>LocalTime</c> / <c>LocalDateTime</c> print
/// (<c>12:30</c>, <c>2024-01-02T12:30:00.500</c>); TIMESTAMP_LTZ as an <c>Instant</c> in UTC
/// (<c>2024-01-02T12:30:00Z</c>); intervals as <c>Period</c> / <c>Duration</c> (<c>P1Y2M</c>, <c>PT26H3M4.5S</c>);
/// ARRAY <c>[1, 2]</c>; MAP and MULTISET <c>{a=1}</c>; ROW <c>+I[1, a]</c>. Stateless and thread-safe.
/// </summary>
internal static class RowPrinter
{
    /// <summary>Appends logical row <paramref name="row"/> of <paramref name="batch"/>.</summary>
    public static void AppendRow(StringBuilder builder, RecordBatch batch, int row)
    {
        var physical = batch.PhysicalRow(row);
        builder.Append(batch.GetRowKind(physical).ToShortString()).Append('[');
        for (var column = 0; column < batch.ColumnCount; column++)
        {
            if (column > 0)
            {
                builder.Append(", ");
            }

            AppendValue(builder, batch.Column(column), physical);
        }

        builder.Append(']');
    }

    private static void AppendValue(StringBuilder builder, ColumnVector vector, int index)
    {
        if (vector.IsNull(index))
        {
            builder.Append("null");
            return;
        }

        var type = vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Variant:
                builder.Append(Core.Variants.VariantJson.ToJson(((BytesVector)vector).GetBytes(index)));
                break;
            case TypeId.Binary or TypeId.VarBinary:
                var bytes = ((BytesVector)vector).GetBytes(index);
                builder.Append('[');
                for (var i = 0; i < bytes.Length; i++)
                {
                    builder.Append(i > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"{unchecked((sbyte)bytes[i])}");
                }

                builder.Append(']');
                break;
            case TypeId.Time:
                AppendLocalTime(builder, ((PrimitiveVector<long>)vector)[index], alwaysSeconds: false);
                break;
            case TypeId.Timestamp:
            case TypeId.TimestampLtz:
                var stored = ((PrimitiveVector<long>)vector)[index];
                var micros = TimestampUnit.ToMicros(stored, type);
                var days = TemporalConversions.FloorDiv(micros, 86_400_000_000L);
                ValueText.AppendDate(builder, checked((int)days));
                builder.Append('T');
                AppendLocalTime(builder, micros - (days * 86_400_000_000L), alwaysSeconds: type.TypeId == TypeId.TimestampLtz,
                    TimestampUnit.NanoOfMicro(stored, type));
                if (type.TypeId == TypeId.TimestampLtz)
                {
                    builder.Append('Z');
                }

                break;
            case TypeId.IntervalYearMonth:
                AppendPeriod(builder, ((PrimitiveVector<int>)vector)[index]);
                break;
            case TypeId.IntervalDayTime:
                AppendDuration(builder, ((PrimitiveVector<long>)vector)[index]);
                break;
            case TypeId.Array:
            {
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(index);
                builder.Append('[');
                for (var i = 0; i < count; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, list.Elements, start + i);
                }

                builder.Append(']');
                break;
            }

            case TypeId.Multiset:
            {
                var list = (ListVector)vector;
                var (start, count) = list.GetRange(index);
                var counts = new List<(string Text, int Count)>();
                for (var i = 0; i < count; i++)
                {
                    var element = new StringBuilder();
                    AppendValue(element, list.Elements, start + i);
                    var text = element.ToString();
                    var at = counts.FindIndex(c => c.Text == text);
                    if (at < 0)
                    {
                        counts.Add((text, 1));
                    }
                    else
                    {
                        counts[at] = (text, counts[at].Count + 1);
                    }
                }

                builder.Append('{').AppendJoin(", ", counts.Select(c => $"{c.Text}={c.Count.ToString(CultureInfo.InvariantCulture)}")).Append('}');
                break;
            }

            case TypeId.Map:
            {
                var map = (MapVector)vector;
                var (start, count) = map.GetRange(index);
                builder.Append('{');
                for (var i = 0; i < count; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, map.Keys, start + i);
                    builder.Append('=');
                    AppendValue(builder, map.Values, start + i);
                }

                builder.Append('}');
                break;
            }

            case TypeId.Row:
            {
                var structure = (StructVector)vector;
                builder.Append("+I[");
                for (var i = 0; i < structure.ChildCount; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    AppendValue(builder, structure.Child(i), index);
                }

                builder.Append(']');
                break;
            }

            default:
                ValueText.AppendScalar(builder, vector, index);
                break;
        }
    }

    /// <summary>
    /// Java's <c>LocalTime.toString</c>: <c>HH:mm</c>, then <c>:ss</c> unless seconds and fraction are zero, then the
    /// fraction in groups of three digits (milliseconds, microseconds or nanoseconds: <paramref name="nanoOfMicro"/> of a
    /// timestamp of precision 7..9). An <c>Instant</c> always shows the seconds.
    /// </summary>
    private static void AppendLocalTime(StringBuilder builder, long microsOfDay, bool alwaysSeconds, int nanoOfMicro = 0)
    {
        var seconds = microsOfDay / 1_000_000;
        var fraction = (int)(microsOfDay % 1_000_000 * 1000) + nanoOfMicro;
        builder.Append(CultureInfo.InvariantCulture, $"{seconds / 3600:00}:{seconds / 60 % 60:00}");
        if (seconds % 60 == 0 && fraction == 0 && !alwaysSeconds)
        {
            return;
        }

        builder.Append(CultureInfo.InvariantCulture, $":{seconds % 60:00}");
        if (fraction == 0)
        {
            return;
        }

        if (fraction % 1_000_000 == 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $".{fraction / 1_000_000:000}");
        }
        else if (fraction % 1000 == 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $".{fraction / 1000:000000}");
        }
        else
        {
            builder.Append(CultureInfo.InvariantCulture, $".{fraction:000000000}");
        }
    }

    /// <summary>Java's <c>Period.toString</c> of a number of months: <c>P1Y2M</c>, <c>P-6M</c>, <c>P0D</c>.</summary>
    private static void AppendPeriod(StringBuilder builder, int months)
    {
        if (months == 0)
        {
            builder.Append("P0D");
            return;
        }

        builder.Append('P');
        var years = months / 12;
        if (years != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{years}Y");
        }

        if (months % 12 != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{months % 12}M");
        }
    }

    /// <summary>Java's <c>Duration.toString</c> of microseconds: <c>PT26H3M4.5S</c>, <c>PT-1.5S</c>, <c>PT0S</c>.</summary>
    private static void AppendDuration(StringBuilder builder, long micros)
    {
        if (micros == 0)
        {
            builder.Append("PT0S");
            return;
        }

        var totalSeconds = TemporalConversions.FloorDiv(micros, 1_000_000);
        var nanos = (micros - (totalSeconds * 1_000_000)) * 1000; // 0..999_999_000, as Duration keeps it
        var hours = totalSeconds / 3600;
        var minutes = totalSeconds % 3600 / 60;
        var secs = totalSeconds % 60;
        builder.Append("PT");
        if (hours != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{hours}H");
        }

        if (minutes != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{minutes}M");
        }

        if (secs == 0 && nanos == 0)
        {
            return;
        }

        if (secs < 0 && nanos > 0)
        {
            builder.Append(secs == -1 ? "-0" : (secs + 1).ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            builder.Append(secs.ToString(CultureInfo.InvariantCulture));
        }

        if (nanos > 0)
        {
            var digits = (secs < 0 ? 1_000_000_000 - nanos : nanos).ToString("000000000", CultureInfo.InvariantCulture).TrimEnd('0');
            builder.Append('.').Append(digits);
        }

        builder.Append('S');
    }
}
