using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Date and time functions.</summary>
internal sealed partial class KernelBuilder
{
    private Kernel? TryBuildTemporal(BoundCall call)
    {
        var name = call.Function.Name;
        var type = call.Type;
        var n = call.Operands.Count;
        switch (name)
        {
            case "EXTRACT":
                return Extract(call, Symbol(call, 0) ?? throw NotSupported(call), Build(call.Operands[1]));
            case "YEAR" or "QUARTER" or "MONTH" or "WEEK" or "DAYOFYEAR" or "DAYOFMONTH" or "DAYOFWEEK" or "HOUR" or "MINUTE" or "SECOND":
                var unit = name switch
                {
                    "DAYOFYEAR" => "DOY",
                    "DAYOFMONTH" => "DAY",
                    "DAYOFWEEK" => "DOW",
                    _ => name,
                };
                return Extract(call, unit, Build(call.Operands[0]));
            case "TIMESTAMPADD":
                return TimestampAdd(call);
            case "TIMESTAMPDIFF":
                return TimestampDiff(call);
            case "CURRENT_WATERMARK":
                return _environment.CurrentWatermark is { } watermark ? new WatermarkKernel(watermark, call.Type) : throw NotSupported(call);
            case "CURRENT_TIMESTAMP" or "NOW" or "PROCTIME" or "CURRENT_ROW_TIMESTAMP":
                return new ClockKernel(ClockReading.Instant, type);
            case "LOCALTIMESTAMP":
                return new ClockKernel(ClockReading.LocalTimestamp, type);
            case "CURRENT_DATE":
                return new ClockKernel(ClockReading.Date, type);
            case "CURRENT_TIME" or "LOCALTIME":
                return new ClockKernel(ClockReading.Time, type);
            case "UNIX_TIMESTAMP" when n == 0:
                return new ClockKernel(ClockReading.UnixSeconds, type);
            case "UNIX_TIMESTAMP":
                return Parse(call, ParseTarget.UnixSeconds, n > 1 ? null : DateTimeFormat.DefaultTimestamp);
            case "TO_TIMESTAMP":
                return Parse(call, ParseTarget.Timestamp, null);
            case "TO_DATE":
                return Parse(call, ParseTarget.Date, null);
            case "TO_TIMESTAMP_LTZ":
                if (IsCharacter(call.Operands[0].Type))
                {
                    return Parse(call, ParseTarget.Instant, null);
                }

                return EpochToInstant(call);
            case "DATE_FORMAT":
            {
                var value = Build(call.Operands[0]);
                var source = value.Type.TypeId switch
                {
                    TypeId.Timestamp => DateTimeSource.Timestamp,
                    TypeId.TimestampLtz => DateTimeSource.Instant,
                    _ => DateTimeSource.Text,
                };
                if (source == DateTimeSource.Text)
                {
                    value = Cast(value, DataTypes.String().WithNullability(value.Type.IsNullable));
                }

                return new DateFormatKernel([value, Text(call, 1)], source, ConstantFormat(call, 1), Zone, type);
            }

            case "FROM_UNIXTIME":
            {
                var seconds = Cast(Build(call.Operands[0]), DataTypes.BigInt().WithNullability(call.Operands[0].Type.IsNullable));
                return n > 1
                    ? new DateFormatKernel([seconds, Text(call, 1)], DateTimeSource.EpochSeconds, ConstantFormat(call, 1), Zone, type)
                    : new DateFormatKernel([seconds], DateTimeSource.EpochSeconds, DateTimeFormat.DefaultTimestamp, Zone, type);
            }

            case "CONVERT_TZ":
                return new ConvertTzKernel([Text(call, 0), Text(call, 1), Text(call, 2)], type);
            default:
                return null;
        }
    }

    private Kernel Extract(BoundCall call, string unitName, Kernel source)
    {
        var unit = ParseUnit(call, unitName);
        var kind = source.Type.TypeId;
        if (kind == TypeId.Null)
        {
            return new LiteralKernel(null, call.Type.Nullable());
        }

        if (!TypeRules.IsDatetime(source.Type) && !TypeRules.IsInterval(source.Type))
        {
            throw NotSupported(call);
        }

        return new ExtractKernel(source, unit, Zone, call.Type);
    }

    private Kernel FloorCeilTemporal(BoundCall call, string unitName, bool ceil)
    {
        var unit = ParseUnit(call, unitName);
        var operand = Cast(Build(call.Operands[0]), call.Type);
        if (unit is TimeUnitKind.Nanosecond or TimeUnitKind.DayOfWeek or TimeUnitKind.DayOfYear or TimeUnitKind.IsoDayOfWeek
            or TimeUnitKind.IsoYear or TimeUnitKind.Epoch)
        {
            throw NotSupported(call);
        }

        return new FloorCeilTemporalKernel(operand, unit, ceil, Zone, call.Type);
    }

    private Kernel TimestampAdd(BoundCall call)
    {
        var unit = ParseUnit(call, Symbol(call, 0) ?? throw NotSupported(call));
        var amount = Cast(Build(call.Operands[1]), DataTypes.BigInt().WithNullability(call.Operands[1].Type.IsNullable));
        var datetime = Cast(Build(call.Operands[2]), call.Type);
        var (months, factor) = unit switch
        {
            TimeUnitKind.Year => (true, 12L),
            TimeUnitKind.Quarter => (true, 3L),
            TimeUnitKind.Month => (true, 1L),
            TimeUnitKind.Week => (false, 7 * Civil.MicrosPerDay),
            TimeUnitKind.Day => (false, Civil.MicrosPerDay),
            TimeUnitKind.Hour => (false, Civil.MicrosPerHour),
            TimeUnitKind.Minute => (false, Civil.MicrosPerMinute),
            TimeUnitKind.Second => (false, Civil.MicrosPerSecond),
            TimeUnitKind.Millisecond => (false, 1000L),
            TimeUnitKind.Microsecond => (false, 1L),
            _ => throw NotSupported(call),
        };
        return new DatetimeShiftKernel(datetime, amount, months, factor, Zone, call.Type);
    }

    private Kernel TimestampDiff(BoundCall call)
    {
        var unit = ParseUnit(call, Symbol(call, 0) ?? throw NotSupported(call));
        var from = Build(call.Operands[1]);
        var to = Build(call.Operands[2]);
        var (monthsPerUnit, microsPerUnit) = unit switch
        {
            TimeUnitKind.Year => (12L, 0L),
            TimeUnitKind.Quarter => (3L, 0L),
            TimeUnitKind.Month => (1L, 0L),
            TimeUnitKind.Week => (0L, 7 * Civil.MicrosPerDay),
            TimeUnitKind.Day => (0L, Civil.MicrosPerDay),
            TimeUnitKind.Hour => (0L, Civil.MicrosPerHour),
            TimeUnitKind.Minute => (0L, Civil.MicrosPerMinute),
            TimeUnitKind.Second => (0L, Civil.MicrosPerSecond),
            TimeUnitKind.Millisecond => (0L, 1000L),
            TimeUnitKind.Microsecond => (0L, 1L),
            _ => throw NotSupported(call),
        };

        // Instants for time units when a TIMESTAMP_LTZ is involved; wall-clock times otherwise and for calendar units.
        var instants = monthsPerUnit == 0 && (from.Type.TypeId == TypeId.TimestampLtz || to.Type.TypeId == TypeId.TimestampLtz);
        // Nanoseconds when either side has them (precision 7..9), so whole units are counted from the exact difference.
        var precision = TimestampUnit.IsNanos(from.Type) || TimestampUnit.IsNanos(to.Type) ? 9 : 6;
        var common = instants ? DataTypes.TimestampLtz(precision) : DataTypes.Timestamp(precision);
        return new TimestampDiffKernel(Cast(from, common.WithNullability(from.Type.IsNullable)), Cast(to, common.WithNullability(to.Type.IsNullable)),
            monthsPerUnit, microsPerUnit, call.Type);
    }

    private Kernel Parse(BoundCall call, ParseTarget target, DateTimeFormat? defaultFormat)
    {
        var operands = new List<Kernel> { Text(call, 0) };
        DateTimeFormat? constant = defaultFormat;
        if (call.Operands.Count > 1)
        {
            operands.Add(Text(call, 1));
            constant = ConstantFormat(call, 1);
        }

        if (call.Operands.Count > 2)
        {
            operands.Add(Text(call, 2));
        }

        var zone = target == ParseTarget.Instant ? new TimeZoneRules(TimeZoneInfo.Utc) : Zone;
        if (target == ParseTarget.Instant && call.Operands.Count > 2 && TryLiteral(call.Operands[2], out var id) && id is string zoneId)
        {
            zone = new TimeZoneRules(ExpressionEnvironment.TryParseTimeZone(zoneId, out var parsed) ? parsed : TimeZoneInfo.Utc);
            operands.RemoveAt(2);
        }

        return new ParseDateTimeKernel(operands.ToArray(), target, constant, zone, call.Type);
    }

    private Kernel EpochToInstant(BoundCall call)
    {
        var number = Build(call.Operands[0]);
        number = IsDecimal(number.Type)
            ? number
            : Cast(number, (IsFloating(number.Type) ? DataTypes.Double() : DataTypes.BigInt()).WithNullability(number.Type.IsNullable));
        Kernel precision = call.Operands.Count > 1 ? Int(call, 1) : new LiteralKernel(3, DataTypes.Int().NotNull());
        if (precision is LiteralKernel { Value: int value } && value is not (0 or 3))
        {
            throw new SluiceException(
                $"The precision value '{value}' for function TO_TIMESTAMP_LTZ(numeric, precision) is unsupported, the supported value is '0' for second or '3' for millisecond.",
                ErrorDomain.User);
        }

        return new EpochToInstantKernel(number, precision, call.Type);
    }

    /// <summary>The compiled pattern of a literal format operand, or null for a format from the data.</summary>
    private static DateTimeFormat? ConstantFormat(BoundCall call, int index) =>
        TryLiteral(call.Operands[index], out var value) && value is string pattern ? DateTimeFormat.Compile(pattern) : null;

    private static TimeUnitKind ParseUnit(BoundCall call, string name) => name switch
    {
        "YEAR" => TimeUnitKind.Year,
        "QUARTER" => TimeUnitKind.Quarter,
        "MONTH" => TimeUnitKind.Month,
        "WEEK" => TimeUnitKind.Week,
        "DAY" => TimeUnitKind.Day,
        "HOUR" => TimeUnitKind.Hour,
        "MINUTE" => TimeUnitKind.Minute,
        "SECOND" => TimeUnitKind.Second,
        "MILLISECOND" => TimeUnitKind.Millisecond,
        "MICROSECOND" => TimeUnitKind.Microsecond,
        "NANOSECOND" => TimeUnitKind.Nanosecond,
        "DOW" => TimeUnitKind.DayOfWeek,
        "DOY" => TimeUnitKind.DayOfYear,
        "ISODOW" => TimeUnitKind.IsoDayOfWeek,
        "ISOYEAR" => TimeUnitKind.IsoYear,
        "EPOCH" => TimeUnitKind.Epoch,
        "DECADE" => TimeUnitKind.Decade,
        "CENTURY" => TimeUnitKind.Century,
        "MILLENNIUM" => TimeUnitKind.Millennium,
        _ => throw NotSupported(call),
    };
}
