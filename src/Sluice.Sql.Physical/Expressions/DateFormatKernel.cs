using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>DATE_FORMAT(timestamp | string, format)</c> and <c>FROM_UNIXTIME(seconds [, format])</c>: the value written with a
/// Java date-time pattern (see <see cref="DateTimeFormat"/>). Instants are shown in the session time zone. A string
/// that is not <c>yyyy-MM-dd HH:mm:ss</c> gives NULL (Flink logs and returns null); an invalid pattern is an error.
/// A constant pattern is compiled once; patterns from the data are cached. With a constant pattern whose finest field
/// is a second or coarser (<see cref="DateTimeFormat.Granule"/>), a row in the same unit and offset as the value
/// formatted last reuses its text (a stream's timestamps mostly share their day).
/// </summary>
internal sealed class DateFormatKernel(Kernel[] operands, DateTimeSource source, DateTimeFormat? constant, TimeZoneRules zone, DataType type)
    : NaryKernel(operands, type)
{
    private readonly DateTimeSource _source = source;
    private readonly DateTimeFormat? _constant = constant;
    private readonly TimeZoneRules _zone = zone;
    private readonly Dictionary<string, DateTimeFormat> _formats = new(StringComparer.Ordinal);
    private readonly Utf8Buffer _buffer = new();

    // The unit (time ÷ granule) and offset of the value in _buffer, when _constant has a granule.
    private bool _cached;
    private long _cachedUnit;
    private long _cachedOffset;

    protected override bool SelfMayFail => _constant is null;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        using var builder = new BytesVectorBuilder(Type, rows);
        if (_source == DateTimeSource.Timestamp && _constant is { Granule: > 0 } constant)
        {
            FormatClustered(constant, (PrimitiveVector<long>)operands[0], nulls, builder);
            return builder.Build();
        }

        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            long local;
            long offset = 0;
            var nanoOfMicro = 0;
            switch (_source)
            {
                case DateTimeSource.Timestamp:
                    local = TimestampUnit.ToMicros(((PrimitiveVector<long>)operands[0]).Values[i], operands[0].DataType);
                    nanoOfMicro = TimestampUnit.NanoOfMicro(((PrimitiveVector<long>)operands[0]).Values[i], operands[0].DataType);
                    break;
                case DateTimeSource.Text:
                    if (!DateTimeFormat.DefaultTimestamp.TryParse(((BytesVector)operands[0]).GetBytes(i), out local, out _, allowTrailing: true))
                    {
                        builder.AppendNull();
                        continue;
                    }

                    break;
                default:
                {
                    var stored = ((PrimitiveVector<long>)operands[0]).Values[i];
                    var instant = _source == DateTimeSource.Instant
                        ? TimestampUnit.ToMicros(stored, operands[0].DataType)
                        : unchecked(stored * Civil.MicrosPerSecond);
                    nanoOfMicro = _source == DateTimeSource.Instant ? TimestampUnit.NanoOfMicro(stored, operands[0].DataType) : 0;
                    offset = _zone.OffsetAtInstant(instant);
                    local = instant + offset;
                    break;
                }
            }

            var format = _constant ?? FormatAt((BytesVector)operands[1], i);
            if (format.Granule > 0 && ReferenceEquals(format, _constant))
            {
                var unit = Civil.FloorDiv(local, format.Granule);
                if (!_cached || unit != _cachedUnit || offset != _cachedOffset)
                {
                    _buffer.Clear();
                    format.Format(_buffer, local, offset, nanoOfMicro);
                    (_cached, _cachedUnit, _cachedOffset) = (true, unit, offset);
                }

                builder.Append(_buffer.Span);
                continue;
            }

            _buffer.Clear();
            format.Format(_buffer, local, offset, nanoOfMicro);
            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }

    /// <summary>
    /// The rows of a <c>TIMESTAMP</c> vector with a constant pattern that has a granule: one loop without the per-row
    /// choices of the general path, a row in the unit of the row formatted last appending the text it gave.
    /// </summary>
    private void FormatClustered(DateTimeFormat format, PrimitiveVector<long> times, ulong[]? nulls, BytesVectorBuilder builder)
    {
        var values = times.Values;
        var nanos = TimestampUnit.IsNanos(times.DataType);
        var granule = format.Granule;
        for (var i = 0; i < values.Length; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            var stored = values[i];
            var local = nanos ? TimestampUnit.ToMicros(stored, times.DataType) : stored;
            var unit = Civil.FloorDiv(local, granule);
            if (!_cached || unit != _cachedUnit || _cachedOffset != 0)
            {
                _buffer.Clear();
                format.Format(_buffer, local, 0, nanos ? TimestampUnit.NanoOfMicro(stored, times.DataType) : 0);
                (_cached, _cachedUnit, _cachedOffset) = (true, unit, 0);
            }

            builder.Append(_buffer.Span);
        }
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
}
