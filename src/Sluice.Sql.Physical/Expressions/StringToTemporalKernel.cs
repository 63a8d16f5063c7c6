using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts strings to <c>DATE</c>, <c>TIME</c>, <c>TIMESTAMP</c> or <c>TIMESTAMP_LTZ</c> (a wall-clock time in the
/// session time zone), parsed leniently as Flink does (see <see cref="TemporalText"/>). A string that is not a valid
/// value is an error naming it, or NULL for <c>TRY_CAST</c>.
/// </summary>
internal sealed class StringToTemporalKernel(Kernel operand, bool isTry, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _isTry = isTry;

    protected override bool SelfMayFail => !_isTry;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var rows = frame.Count;
        var zone = frame.Context.Zone;
        var unit = Type.TypeId != TypeId.Date && Type.Precision < 6 ? Decimals64.Pow10(6 - Type.Precision) : 1;
        ColumnVector result = Type.TypeId == TypeId.Date ? PrimitiveVector<int>.Allocate(Type, rows) : PrimitiveVector<long>.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (strings.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var text = strings.GetBytes(i);
            bool ok;
            if (Type.TypeId == TypeId.Date)
            {
                ok = TemporalText.TryParseDate(text, out var days);
                ((PrimitiveVector<int>)result).Values[i] = days;
            }
            else if (Type.TypeId == TypeId.Time)
            {
                ok = TemporalText.TryParseTime(text, out var value);
                ((PrimitiveVector<long>)result).Values[i] = unit == 1 ? value : Civil.FloorDiv(value, unit) * unit;
            }
            else
            {
                ok = TemporalText.TryParseTimestamp(text, out var micros, out var nanoOfMicro);
                micros = unit == 1 ? micros : Civil.FloorDiv(micros, unit) * unit;
                if (Type.TypeId == TypeId.TimestampLtz)
                {
                    micros = zone.ToInstant(micros);
                }

                long stored = 0;
                if (ok && !TimestampUnit.TryFromMicros(micros, Type, nanoOfMicro, out stored))
                {
                    if (!_isTry)
                    {
                        throw TimestampUnit.OutOfRange(System.Text.Encoding.UTF8.GetString(text));
                    }

                    ok = false;
                }

                ((PrimitiveVector<long>)result).Values[i] = ok ? TimestampUnit.Truncate(stored, Type.Precision) : 0;
            }

            if (!ok)
            {
                if (!_isTry)
                {
                    throw CastErrors.Invalid(text, Type);
                }

                result.SetNull(i);
            }
        }

        return result;
    }
}
