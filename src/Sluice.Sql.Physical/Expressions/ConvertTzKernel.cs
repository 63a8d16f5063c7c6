using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CONVERT_TZ(s, from, to)</c>: a <c>yyyy-MM-dd HH:mm:ss</c> wall-clock time in zone <c>from</c> as the wall-clock
/// time of the same instant in zone <c>to</c>, e.g. <c>CONVERT_TZ('1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles')</c>
/// is <c>1969-12-31 16:00:00</c> (Flink's documented example). Zones are region ids, abbreviations such as
/// <c>UTC</c>, or offsets such as <c>GMT-08:00</c>; an unknown zone is UTC (Java's <c>TimeZone.getTimeZone</c>). A
/// string that does not parse gives NULL.
/// </summary>
internal sealed class ConvertTzKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    private readonly Dictionary<string, TimeZoneRules> _zones = new(StringComparer.Ordinal);
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        var text = (BytesVector)operands[0];
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i) || !DateTimeFormat.DefaultTimestamp.TryParse(text.GetBytes(i), out var local, out _, allowTrailing: true))
            {
                builder.AppendNull();
                continue;
            }

            var instant = ZoneAt((BytesVector)operands[1], i).ToInstant(local);
            var target = ZoneAt((BytesVector)operands[2], i).ToLocal(instant);
            _buffer.Clear();
            DateTimeFormat.DefaultTimestamp.Format(_buffer, target);
            builder.Append(_buffer.Span);
        }

        return builder.Build();
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
