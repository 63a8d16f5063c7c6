using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A date-time moved by an amount: <c>datetime ± INTERVAL</c> and <c>TIMESTAMPADD(unit, n, datetime)</c>. The amount
/// (an <c>INT</c> or <c>BIGINT</c> vector) times <c>factor</c> is either months (added on the calendar; a day past the
/// end of the month becomes its last day, and <c>TIMESTAMP_LTZ</c> moves in the session time zone) or microseconds (a
/// <c>DATE</c> keeps the day reached, a <c>TIME</c> wraps around midnight). Overflow wraps, except for timestamps of
/// precision 7..9 (nanoseconds, see <see cref="TimestampUnit"/>), where a result out of their range is an error.
/// </summary>
internal sealed class DatetimeShiftKernel(Kernel datetime, Kernel amount, bool months, long factor, TimeZoneRules zone, DataType type)
    : BinaryKernel(datetime, amount, type)
{
    private readonly bool _months = months;
    private readonly long _factor = factor;
    private readonly TypeId _kind = datetime.Type.TypeId;
    private readonly TimeZoneRules _zone = zone;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var zone = _zone;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        ColumnVector result;
        if (_kind == TypeId.Date)
        {
            var dates = PrimitiveVector<int>.Allocate(Type, rows);
            ReadOnlySpan<int> source = ((PrimitiveVector<int>)leftVector).Values;
            for (var i = 0; i < rows; i++)
            {
                if (NullMasks.Get(nulls, i))
                {
                    continue;
                }

                var delta = unchecked(Amount(rightVector, i) * _factor);
                dates.Values[i] = _months
                    ? Civil.AddMonths(source[i], delta)
                    : Civil.DayOf(unchecked((source[i] * Civil.MicrosPerDay) + delta));
            }

            result = dates;
        }
        else if (TimestampUnit.IsNanos(leftVector.DataType))
        {
            result = ShiftNanos(rows, (PrimitiveVector<long>)leftVector, rightVector, nulls);
        }
        else
        {
            var times = PrimitiveVector<long>.Allocate(Type, rows);
            ReadOnlySpan<long> source = ((PrimitiveVector<long>)leftVector).Values;
            for (var i = 0; i < rows; i++)
            {
                if (NullMasks.Get(nulls, i))
                {
                    continue;
                }

                var delta = unchecked(Amount(rightVector, i) * _factor);
                var value = source[i];
                times.Values[i] = (_kind, _months) switch
                {
                    (TypeId.Time, _) => Civil.FloorMod(unchecked(value + delta), Civil.MicrosPerDay),
                    (TypeId.TimestampLtz, true) => zone.ToInstant(Civil.AddMonthsToTimestamp(zone.ToLocal(value), delta)),
                    (_, true) => Civil.AddMonthsToTimestamp(value, delta),
                    _ => unchecked(value + delta),
                };
            }

            result = times;
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }

    /// <summary>
    /// Shifts timestamps of nanoseconds (precision 7..9): months on the calendar of their microsecond, the nanoseconds
    /// past it kept; microseconds times 1000. A result out of the nanosecond range is an error naming it.
    /// </summary>
    private PrimitiveVector<long> ShiftNanos(int rows, PrimitiveVector<long> source, ColumnVector amounts, ulong[]? nulls)
    {
        var zone = _zone;
        var type = source.DataType;
        var times = PrimitiveVector<long>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            var delta = unchecked(Amount(amounts, i) * _factor);
            var value = source.Values[i];
            if (_months)
            {
                var micros = TimestampUnit.ToMicros(value, type);
                var shifted = _kind == TypeId.TimestampLtz
                    ? zone.ToInstant(Civil.AddMonthsToTimestamp(zone.ToLocal(micros), delta))
                    : Civil.AddMonthsToTimestamp(micros, delta);
                times.Values[i] = TimestampUnit.MicrosToNanos(shifted, TimestampUnit.NanoOfMicro(value, type));
                continue;
            }

            var nanos = (Int128)value + ((Int128)delta * TimestampUnit.NanosPerMicro);
            if (nanos < long.MinValue || nanos > long.MaxValue)
            {
                var micros = (long)Int128.Clamp(Civil.FloorDiv(value, TimestampUnit.NanosPerMicro) + (Int128)delta, long.MinValue, long.MaxValue);
                throw TimestampUnit.OutOfRange(micros, TimestampUnit.NanoOfMicro(value, type));
            }

            times.Values[i] = (long)nanos;
        }

        return times;
    }

    private static long Amount(ColumnVector vector, int row) =>
        vector is PrimitiveVector<int> ints ? ints.Values[row] : ((PrimitiveVector<long>)vector).Values[row];
}
