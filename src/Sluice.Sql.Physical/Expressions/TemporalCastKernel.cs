using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts among <c>DATE</c>, <c>TIME</c>, <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c> as Flink does: a date is midnight,
/// a timestamp's date and time of day are floored, <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c> convert through the
/// session time zone, and a lower target precision truncates the fraction.
/// </summary>
internal sealed class TemporalCastKernel(Kernel operand, TemporalCast cast, DataType type) : UnaryKernel(operand, type)
{
    private readonly TemporalCast _cast = cast;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var zone = frame.Context.Zone;
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
                target[i] = _cast == TemporalCast.InstantToDate ? Civil.DayOf(zone.ToLocal(source[i])) : Civil.DayOf(source[i]);
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
                    target[i] = _cast == TemporalCast.DateToInstant ? zone.ToInstant(midnight) : midnight;
                }
            }
            else
            {
                ReadOnlySpan<long> source = ((PrimitiveVector<long>)operand).Values;
                for (var i = 0; i < rows; i++)
                {
                    var value = _cast switch
                    {
                        TemporalCast.TimestampToTime => Civil.TimeOfDay(source[i]),
                        TemporalCast.TimestampToInstant => zone.ToInstant(source[i]),
                        TemporalCast.InstantToTimestamp => zone.ToLocal(source[i]),
                        TemporalCast.InstantToTime => Civil.TimeOfDay(zone.ToLocal(source[i])),
                        _ => source[i],
                    };
                    target[i] = unit == 1 ? value : Civil.FloorDiv(value, unit) * unit;
                }
            }

            result = times;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
