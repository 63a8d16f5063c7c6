using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>FLOOR(x TO unit)</c> / <c>CEIL(x TO unit)</c> on <c>DATE</c>, <c>TIME</c>, <c>TIMESTAMP</c> and
/// <c>TIMESTAMP_LTZ</c> (in the session time zone): the start of the unit containing x, or for CEIL the start of the
/// next unit unless x is already on a boundary. Weeks start on Sunday (Calcite's rule); decades, centuries and
/// millennia follow Flink (2001-01-01 starts the 21st century). A <c>TIME</c> rounded up past midnight wraps to 00:00.
/// Nanosecond timestamps (precision 7..9) keep their unit; a result out of their range is an error.
/// </summary>
internal sealed class FloorCeilTemporalKernel(Kernel operand, TimeUnitKind unit, bool ceil, TimeZoneRules zone, DataType type) : UnaryKernel(operand, type)
{
    private readonly TimeUnitKind _unit = unit;
    private readonly bool _ceil = ceil;
    private readonly TimeZoneRules _zone = zone;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        ColumnVector result;
        if (operand is PrimitiveVector<int> dates)
        {
            var target = PrimitiveVector<int>.Allocate(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                target.Values[i] = Civil.DayOf(Round(dates.Values[i] * Civil.MicrosPerDay));
            }

            result = target;
        }
        else
        {
            var source = (PrimitiveVector<long>)operand;
            var target = PrimitiveVector<long>.Allocate(Type, rows);
            var ltz = OperandType.TypeId == TypeId.TimestampLtz;
            var time = OperandType.TypeId == TypeId.Time;
            for (var i = 0; i < rows; i++)
            {
                if (operand.IsNull(i))
                {
                    continue;
                }

                if (_unit == TimeUnitKind.Nanosecond)
                {
                    // Nothing is finer than the stored value (nanoseconds at most).
                    target.Values[i] = TimestampUnit.Convert(source.Values[i], operand.DataType, Type);
                    continue;
                }

                // Timestamps of precision 7..9 are nanoseconds: rounded by their microsecond, a CEIL also moving past
                // a value with nanoseconds beyond a boundary.
                var value = TimestampUnit.ToMicros(source.Values[i], operand.DataType);
                var beyond = TimestampUnit.NanoOfMicro(source.Values[i], operand.DataType) != 0;
                var rounded = ltz ? _zone.ToInstant(Round(_zone.ToLocal(value), beyond))
                    : time ? Civil.FloorMod(Round(value, beyond), Civil.MicrosPerDay) : Round(value, beyond);
                target.Values[i] = TimestampUnit.FromMicros(rounded, Type);
            }

            result = target;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }

    /// <summary>The rounded microsecond; <paramref name="beyond"/>: the value has nanoseconds past <paramref name="micros"/>.</summary>
    private long Round(long micros, bool beyond = false)
    {
        var floor = Floor(micros);
        return !_ceil || (floor == micros && !beyond) ? floor : Next(floor);
    }

    private long Floor(long micros)
    {
        var unitMicros = FixedLength(_unit);
        if (unitMicros > 0)
        {
            return Civil.FloorDiv(micros, unitMicros) * unitMicros;
        }

        var days = Civil.DayOf(micros);
        if (_unit == TimeUnitKind.Week)
        {
            return (days - Civil.FloorMod(days + 4, 7)) * Civil.MicrosPerDay;
        }

        var (year, month, _) = Civil.CivilFromDays(days);
        var start = _unit switch
        {
            TimeUnitKind.Year => Civil.DaysFromCivil(year, 1, 1),
            TimeUnitKind.Quarter => Civil.DaysFromCivil(year, ((month - 1) / 3 * 3) + 1, 1),
            TimeUnitKind.Month => Civil.DaysFromCivil(year, month, 1),
            TimeUnitKind.Decade => Civil.DaysFromCivil((int)Civil.FloorDiv(year, 10) * 10, 1, 1),
            TimeUnitKind.Century => Civil.DaysFromCivil((100 * (int)Civil.FloorDiv(year + 99, 100)) - 99, 1, 1),
            _ => Civil.DaysFromCivil((1000 * (int)Civil.FloorDiv(year + 999, 1000)) - 999, 1, 1),
        };
        return start * Civil.MicrosPerDay;
    }

    private long Next(long floor)
    {
        var unitMicros = FixedLength(_unit);
        if (unitMicros > 0)
        {
            return floor + unitMicros;
        }

        return _unit switch
        {
            TimeUnitKind.Week => floor + (7 * Civil.MicrosPerDay),
            TimeUnitKind.Year => Civil.AddMonthsToTimestamp(floor, 12),
            TimeUnitKind.Quarter => Civil.AddMonthsToTimestamp(floor, 3),
            TimeUnitKind.Month => Civil.AddMonthsToTimestamp(floor, 1),
            TimeUnitKind.Decade => Civil.AddMonthsToTimestamp(floor, 120),
            TimeUnitKind.Century => Civil.AddMonthsToTimestamp(floor, 1200),
            _ => Civil.AddMonthsToTimestamp(floor, 12000),
        };
    }

    private static long FixedLength(TimeUnitKind unit) => unit switch
    {
        TimeUnitKind.Day => Civil.MicrosPerDay,
        TimeUnitKind.Hour => Civil.MicrosPerHour,
        TimeUnitKind.Minute => Civil.MicrosPerMinute,
        TimeUnitKind.Second => Civil.MicrosPerSecond,
        TimeUnitKind.Millisecond => 1000,
        TimeUnitKind.Microsecond => 1,
        _ => 0,
    };
}
