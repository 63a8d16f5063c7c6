using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts among <c>DATE</c>, <c>TIME</c>, <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c> as Flink does: a date is midnight,
/// a timestamp's date and time of day are floored, <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c> convert through the
/// session time zone, and a lower target precision truncates the fraction (toward the earlier instant). Timestamps of
/// precision 7..9 are nanoseconds (see <see cref="TimestampUnit"/>): a value that such a target cannot hold is an error
/// naming it and the range, or NULL for <c>TRY_CAST</c>.
/// </summary>
internal sealed class TemporalCastKernel(Kernel operand, TemporalCast cast, DataType type, bool isTry = false) : UnaryKernel(operand, type)
{
    private readonly TemporalCast _cast = cast;
    private readonly bool _isTry = isTry;
    private readonly bool _toNanos = TimestampUnit.IsNanos(type);

    protected override bool SelfMayFail => _toNanos && !_isTry;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var zone = frame.Context.Zone;
        var sourceType = operand.DataType;
        var unit = Type.TypeId is TypeId.Time or TypeId.Timestamp or TypeId.TimestampLtz && Type.Precision < 6
            ? Decimals64.Pow10(6 - Type.Precision)
            : 1;
        ColumnVector result;
        if (Type.TypeId == TypeId.Date)
        {
            var dates = PrimitiveVector<int>.Allocate(Type, rows);
            var target = dates.Values;
            ReadOnlySpan<long> source = ((PrimitiveVector<long>)operand).Values;
            for (var i = 0; i < rows; i++)
            {
                var micros = TimestampUnit.ToMicros(source[i], sourceType);
                target[i] = _cast == TemporalCast.InstantToDate ? Civil.DayOf(zone.ToLocal(micros)) : Civil.DayOf(micros);
            }

            result = dates;
        }
        else
        {
            var times = PrimitiveVector<long>.Allocate(Type, rows);
            var target = times.Values;
            if (operand is PrimitiveVector<int> days)
            {
                ReadOnlySpan<int> source = days.Values;
                for (var i = 0; i < rows; i++)
                {
                    var midnight = source[i] * Civil.MicrosPerDay;
                    Store(times, i, _cast == TemporalCast.DateToInstant ? zone.ToInstant(midnight) : midnight, 0, operand.IsNull(i));
                }
            }
            else
            {
                ReadOnlySpan<long> source = ((PrimitiveVector<long>)operand).Values;
                for (var i = 0; i < rows; i++)
                {
                    var micros = TimestampUnit.ToMicros(source[i], sourceType);
                    var nanoOfMicro = TimestampUnit.NanoOfMicro(source[i], sourceType);
                    var value = _cast switch
                    {
                        TemporalCast.TimestampToTime => Civil.TimeOfDay(micros),
                        TemporalCast.TimestampToInstant => zone.ToInstant(micros),
                        TemporalCast.InstantToTimestamp => zone.ToLocal(micros),
                        TemporalCast.InstantToTime => Civil.TimeOfDay(zone.ToLocal(micros)),
                        _ => micros,
                    };
                    if (Type.TypeId == TypeId.Time)
                    {
                        target[i] = unit == 1 ? value : Civil.FloorDiv(value, unit) * unit;
                    }
                    else
                    {
                        Store(times, i, unit == 1 ? value : Civil.FloorDiv(value, unit) * unit, nanoOfMicro, operand.IsNull(i));
                    }
                }
            }

            result = times;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }

    /// <summary>Stores a timestamp given as microseconds plus nanoseconds in the target's unit and precision.</summary>
    private void Store(PrimitiveVector<long> result, int row, long micros, int nanoOfMicro, bool isNull)
    {
        if (!_toNanos)
        {
            result.Values[row] = micros;
            return;
        }

        if (isNull)
        {
            result.Values[row] = 0;
            return;
        }

        if (TimestampUnit.TryMicrosToNanos(micros, nanoOfMicro, out var nanos))
        {
            result.Values[row] = TimestampUnit.Truncate(nanos, Type.Precision);
        }
        else if (_isTry)
        {
            result.Values[row] = 0;
            result.SetNull(row);
        }
        else
        {
            throw TimestampUnit.OutOfRange(micros, nanoOfMicro);
        }
    }
}
