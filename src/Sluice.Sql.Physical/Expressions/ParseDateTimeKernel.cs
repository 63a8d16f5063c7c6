using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Parses strings into date-times (see <see cref="ParseTarget"/>). Without a format the string is read leniently
/// (<c>yyyy-MM-dd[ HH:mm:ss[.fff]]</c>, one-digit fields allowed); with one, by the Java pattern (see
/// <see cref="DateTimeFormat"/>), falling back to the lenient form for TO_TIMESTAMP and TO_TIMESTAMP_LTZ as Flink does
/// (not for UNIX_TIMESTAMP and TO_DATE, whose Java parsing has no fallback). Operands: the string, then the
/// format (or NULL for the default), then for <see cref="ParseTarget.Instant"/> the time zone.
/// </summary>
internal sealed class ParseDateTimeKernel(Kernel[] operands, ParseTarget target, DateTimeFormat? constant, TimeZoneRules zone, DataType type)
    : NaryKernel(operands, type)
{
    private readonly ParseTarget _target = target;
    private readonly DateTimeFormat? _constant = constant;
    private readonly TimeZoneRules _zone = zone;
    private readonly Dictionary<string, DateTimeFormat> _formats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeZoneRules> _zones = new(StringComparer.Ordinal);

    protected override bool SelfMayFail => _constant is null && Operands.Count > 1;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var text = (BytesVector)operands[0];
        ColumnVector result = _target == ParseTarget.Date ? PrimitiveVector<int>.Allocate(Type, rows) : PrimitiveVector<long>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (text.IsNull(i) || (operands.Length > 1 && operands[1].IsNull(i) && _constant is null) || (operands.Length > 2 && operands[2].IsNull(i)))
            {
                result.SetNull(i);
                continue;
            }

            var format = _constant ?? (operands.Length > 1 ? FormatAt((BytesVector)operands[1], i) : null);
            var value = text.GetBytes(i);
            long micros = 0;
            var hasOffset = false;
            var ok = format is not null && format.TryParse(value, out micros, out hasOffset, allowTrailing: _target == ParseTarget.UnixSeconds);
            if (!ok && (operands.Length == 1 || _target is ParseTarget.Timestamp or ParseTarget.Instant))
            {
                // Flink's TO_TIMESTAMP falls back to the lenient form; UNIX_TIMESTAMP and TO_DATE with a format do not
                // (text the format does not match gives Long.MIN_VALUE and NULL).
                hasOffset = false;
                if (_target == ParseTarget.Date)
                {
                    ok = TemporalText.TryParseDate(value, out var days);
                    micros = days * Civil.MicrosPerDay;
                }
                else
                {
                    ok = TemporalText.TryParseTimestamp(value, out micros);
                }
            }

            if (!ok)
            {
                if (_target == ParseTarget.UnixSeconds)
                {
                    ((PrimitiveVector<long>)result).Values[i] = long.MinValue;
                }
                else
                {
                    result.SetNull(i);
                }

                continue;
            }

            switch (_target)
            {
                case ParseTarget.Date:
                    ((PrimitiveVector<int>)result).Values[i] = Civil.DayOf(micros);
                    break;
                case ParseTarget.Timestamp:
                    ((PrimitiveVector<long>)result).Values[i] = Civil.FloorDiv(micros, 1000) * 1000;
                    break;
                case ParseTarget.UnixSeconds:
                {
                    var instant = hasOffset ? micros : _zone.ToInstant(micros);
                    ((PrimitiveVector<long>)result).Values[i] = instant / Civil.MicrosPerSecond;
                    break;
                }

                default:
                {
                    var zone = operands.Length > 2 ? ZoneAt((BytesVector)operands[2], i) : _zone;
                    var instant = hasOffset ? micros : zone.ToInstant(micros);
                    ((PrimitiveVector<long>)result).Values[i] = Civil.FloorDiv(instant, 1000) * 1000;
                    break;
                }
            }
        }

        return result;
    }

    private DateTimeFormat FormatAt(BytesVector formats, int row)
    {
        var pattern = Encoding.UTF8.GetString(formats.GetBytes(row));
        if (!_formats.TryGetValue(pattern, out var format))
        {
            if (_formats.Count > 64)
            {
                _formats.Clear();
            }

            format = DateTimeFormat.Compile(pattern);
            _formats[pattern] = format;
        }

        return format;
    }

    private TimeZoneRules ZoneAt(BytesVector zones, int row)
    {
        var id = Encoding.UTF8.GetString(zones.GetBytes(row));
        if (!_zones.TryGetValue(id, out var rules))
        {
            rules = new TimeZoneRules(ExpressionEnvironment.TryParseTimeZone(id, out var zone) ? zone : TimeZoneInfo.Utc);
            _zones[id] = rules;
        }

        return rules;
    }
}
