using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Any value as the text of Flink's <c>CAST(x AS STRING)</c>: <c>TRUE</c>/<c>FALSE</c>, integers, floating numbers
/// as Java prints them (<c>1.0</c>, <c>1.0E10</c>), decimals with all scale digits (<c>1.50</c>), dates and times
/// (see <see cref="TemporalText"/>; <c>TIMESTAMP_LTZ</c> in the session time zone), binaries as UTF-8, arrays
/// <c>[1, 2]</c>, maps <c>{k=v}</c>, rows <c>(1, a)</c>, with <c>null</c> for null elements.
/// </summary>
internal static class ValueText
{
    /// <summary>
    /// Appends the text of the non-null value at <paramref name="row"/>, read as <paramref name="type"/> (the declared
    /// type of the value; the vector's own type when null).
    /// </summary>
    public static void Write(Utf8Buffer output, ColumnVector vector, int row, EvaluationContext context, DataType? type = null)
    {
        type ??= vector.DataType;
        switch (type.TypeId)
        {
            case TypeId.Boolean:
                output.Append(((BooleanVector)vector)[row] ? "TRUE"u8 : "FALSE"u8);
                break;
            case TypeId.TinyInt:
                output.AppendInteger(((PrimitiveVector<sbyte>)vector).Values[row]);
                break;
            case TypeId.SmallInt:
                output.AppendInteger(((PrimitiveVector<short>)vector).Values[row]);
                break;
            case TypeId.Int:
                output.AppendInteger(((PrimitiveVector<int>)vector).Values[row]);
                break;
            case TypeId.BigInt:
                output.AppendInteger(((PrimitiveVector<long>)vector).Values[row]);
                break;
            case TypeId.Float:
                output.Advance(JavaNumberText.Format(((PrimitiveVector<float>)vector).Values[row], output.GetSpan(JavaNumberText.MaxLength)));
                break;
            case TypeId.Double:
                output.Advance(JavaNumberText.Format(((PrimitiveVector<double>)vector).Values[row], output.GetSpan(JavaNumberText.MaxLength)));
                break;
            case TypeId.Decimal:
                DecimalMath.Format(DecimalMath.Read(vector, row), type.Scale, output);
                break;
            case TypeId.Char or TypeId.VarChar or TypeId.Binary or TypeId.VarBinary:
                output.Append(((BytesVector)vector).GetBytes(row));
                break;
            case TypeId.Date:
                TemporalText.WriteDate(output, ((PrimitiveVector<int>)vector).Values[row]);
                break;
            case TypeId.Time:
                TemporalText.WriteTime(output, ((PrimitiveVector<long>)vector).Values[row], type.Precision);
                break;
            case TypeId.Timestamp:
            {
                // The declared precision; the unit (microseconds or nanoseconds) of the vector's own type.
                var stored = ((PrimitiveVector<long>)vector).Values[row];
                TemporalText.WriteTimestamp(output, TimestampUnit.ToMicros(stored, vector.DataType), type.Precision,
                    TimestampUnit.NanoOfMicro(stored, vector.DataType));
                break;
            }

            case TypeId.TimestampLtz:
            {
                var instant = ((PrimitiveVector<long>)vector).Values[row];
                TemporalText.WriteTimestamp(output, context.Zone.ToLocal(TimestampUnit.ToMicros(instant, vector.DataType)), type.Precision,
                    TimestampUnit.NanoOfMicro(instant, vector.DataType));
                break;
            }

            case TypeId.IntervalYearMonth:
                TemporalText.WriteIntervalYearMonth(output, ((PrimitiveVector<int>)vector).Values[row]);
                break;
            case TypeId.IntervalDayTime:
                TemporalText.WriteIntervalDayTime(output, ((PrimitiveVector<long>)vector).Values[row]);
                break;
            case TypeId.Array:
                WriteList(output, (ListVector)vector, row, context);
                break;
            case TypeId.Multiset:
                WriteMultiset(output, (ListVector)vector, row, context);
                break;
            case TypeId.Map:
                WriteMap(output, (MapVector)vector, row, context);
                break;
            case TypeId.Row:
                WriteRow(output, (StructVector)vector, row, context);
                break;
            default:
                output.Append("NULL"u8);
                break;
        }
    }

    private static void WriteNullable(Utf8Buffer output, ColumnVector vector, int row, EvaluationContext context)
    {
        if (vector.IsNull(row))
        {
            output.Append("null"u8);
        }
        else
        {
            Write(output, vector, row, context);
        }
    }

    private static void WriteList(Utf8Buffer output, ListVector vector, int row, EvaluationContext context)
    {
        var (start, count) = vector.GetRange(row);
        output.Append((byte)'[');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append(", "u8);
            }

            WriteNullable(output, vector.Elements, start + i, context);
        }

        output.Append((byte)']');
    }

    private static void WriteMultiset(Utf8Buffer output, ListVector vector, int row, EvaluationContext context)
    {
        var (start, count) = vector.GetRange(row);
        output.Append((byte)'{');
        var first = true;
        for (var i = 0; i < count; i++)
        {
            var seen = false;
            for (var j = 0; j < i && !seen; j++)
            {
                seen = VectorValues.Equal(vector.Elements, start + j, vector.Elements, start + i);
            }

            if (seen)
            {
                continue;
            }

            var occurrences = 0;
            for (var j = i; j < count; j++)
            {
                occurrences += VectorValues.Equal(vector.Elements, start + j, vector.Elements, start + i) ? 1 : 0;
            }

            if (!first)
            {
                output.Append(", "u8);
            }

            first = false;
            WriteNullable(output, vector.Elements, start + i, context);
            output.Append((byte)'=');
            output.AppendInteger(occurrences);
        }

        output.Append((byte)'}');
    }

    private static void WriteMap(Utf8Buffer output, MapVector vector, int row, EvaluationContext context)
    {
        var (start, count) = vector.GetRange(row);
        output.Append((byte)'{');
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                output.Append(", "u8);
            }

            WriteNullable(output, vector.Keys, start + i, context);
            output.Append((byte)'=');
            WriteNullable(output, vector.Values, start + i, context);
        }

        output.Append((byte)'}');
    }

    private static void WriteRow(Utf8Buffer output, StructVector vector, int row, EvaluationContext context)
    {
        output.Append((byte)'(');
        for (var i = 0; i < vector.ChildCount; i++)
        {
            if (i > 0)
            {
                output.Append(", "u8);
            }

            WriteNullable(output, vector.Child(i), row, context);
        }

        output.Append((byte)')');
    }
}
