using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>EXTRACT(unit FROM x)</c> and <c>YEAR(x)</c>, <c>MONTH(x)</c>, ... as a <c>BIGINT</c>, with Flink's meanings:
/// <c>DOW</c> is 1 (Sunday) to 7, <c>ISODOW</c> 1 (Monday) to 7, <c>WEEK</c> the ISO week, <c>MILLISECOND</c> and
/// <c>MICROSECOND</c> the part within the second, <c>EPOCH</c> seconds since 1970 (milliseconds divided toward zero); <c>TIMESTAMP_LTZ</c> values are read
/// in the session time zone; timestamps of precision 7..9 are nanoseconds (<c>NANOSECOND</c> keeps all nine digits).
/// From intervals: the field of the duration (<c>HOUR</c> of 26 hours is 2), keeping its sign.
/// </summary>
internal sealed class ExtractKernel(Kernel operand, TimeUnitKind unit, TimeZoneRules zone, DataType type) : UnaryKernel(operand, type)
{
    private readonly TimeUnitKind _unit = unit;
    private readonly TimeZoneRules _zone = zone;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var kind = OperandType.TypeId;
        var operandType = operand.DataType;
        var nanos = TimestampUnit.IsNanos(operandType);
        var result = PrimitiveVector<long>.Allocate(Type, rows);
        var target = result.Values;
        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                continue;
            }

            if (nanos)
            {
                // Precision 7..9: the microsecond's fields, the nanoseconds past it added for NANOSECOND.
                var value = ((PrimitiveVector<long>)operand).Values[i];
                var micros = TimestampUnit.ToMicros(value, operandType);
                target[i] = _unit switch
                {
                    TimeUnitKind.Nanosecond => FromTimestamp(kind == TypeId.TimestampLtz ? _zone.ToLocal(micros) : micros)
                        + TimestampUnit.NanoOfMicro(value, operandType),
                    TimeUnitKind.Epoch when kind == TypeId.Timestamp => value / TimestampUnit.NanosPerSecond,
                    _ => FromTimestamp(kind == TypeId.TimestampLtz ? _zone.ToLocal(micros) : micros),
                };
                continue;
            }

            target[i] = kind switch
            {
                TypeId.Date => FromTimestamp(((PrimitiveVector<int>)operand).Values[i] * Civil.MicrosPerDay),
                TypeId.Time or TypeId.Timestamp => FromTimestamp(((PrimitiveVector<long>)operand).Values[i]),
                TypeId.TimestampLtz => FromTimestamp(_zone.ToLocal(((PrimitiveVector<long>)operand).Values[i])),
                TypeId.IntervalYearMonth => FromMonths(((PrimitiveVector<int>)operand).Values[i]),
                _ => FromDuration(((PrimitiveVector<long>)operand).Values[i]),
            };
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }

    private long FromTimestamp(long micros)
    {
        var days = Civil.DayOf(micros);
        var time = Civil.TimeOfDay(micros);
        switch (_unit)
        {
            case TimeUnitKind.Hour:
                return time / Civil.MicrosPerHour;
            case TimeUnitKind.Minute:
                return time / Civil.MicrosPerMinute % 60;
            case TimeUnitKind.Second:
                return time / Civil.MicrosPerSecond % 60;
            case TimeUnitKind.Millisecond:
                return time / 1000 % 1000;
            case TimeUnitKind.Microsecond:
                return time % Civil.MicrosPerSecond;
            case TimeUnitKind.Nanosecond:
                return time % Civil.MicrosPerSecond * 1000;
            case TimeUnitKind.Epoch:
                return micros / 1000 / 1000;
            case TimeUnitKind.DayOfWeek:
                return Civil.DayOfWeekSundayFirst(days);
            case TimeUnitKind.IsoDayOfWeek:
                return Civil.IsoDayOfWeek(days);
            case TimeUnitKind.DayOfYear:
                return Civil.DayOfYear(days);
            case TimeUnitKind.Week:
                return Civil.IsoWeek(days).Week;
            case TimeUnitKind.IsoYear:
                return Civil.IsoWeek(days).Year;
        }

        var (year, month, day) = Civil.CivilFromDays(days);
        return _unit switch
        {
            TimeUnitKind.Year => year,
            TimeUnitKind.Quarter => (month + 2) / 3,
            TimeUnitKind.Month => month,
            TimeUnitKind.Day => day,
            TimeUnitKind.Decade => year / 10,
            TimeUnitKind.Century => year > 0 ? (year + 99) / 100 : (year - 99) / 100,
            _ => year > 0 ? (year + 999) / 1000 : (year - 999) / 1000,
        };
    }

    private long FromMonths(int months) => _unit switch
    {
        TimeUnitKind.Year => months / 12,
        TimeUnitKind.Quarter => months % 12 / 3 + 1,
        TimeUnitKind.Month => months % 12,
        _ => 0,
    };

    private long FromDuration(long micros) => _unit switch
    {
        TimeUnitKind.Day => micros / Civil.MicrosPerDay,
        TimeUnitKind.Hour => micros / Civil.MicrosPerHour % 24,
        TimeUnitKind.Minute => micros / Civil.MicrosPerMinute % 60,
        TimeUnitKind.Second => micros / Civil.MicrosPerSecond % 60,
        TimeUnitKind.Millisecond => micros / 1000 % 1000,
        TimeUnitKind.Microsecond => micros % Civil.MicrosPerSecond,
        TimeUnitKind.Nanosecond => micros % Civil.MicrosPerSecond * 1000,
        TimeUnitKind.Epoch => micros / Civil.MicrosPerSecond,
        _ => 0,
    };
}
