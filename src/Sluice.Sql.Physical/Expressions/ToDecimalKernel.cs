using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts integers, floating numbers, decimals and strings to <c>DECIMAL(p, s)</c>, rounding half up to the scale. A
/// value that needs more than p digits becomes NULL, as Flink's <c>DecimalData</c> does; a string that is not a
/// number is an error naming it (NULL for <c>TRY_CAST</c>). Floating numbers convert from their shortest decimal form,
/// as Java's <c>BigDecimal.valueOf(double)</c>.
/// </summary>
internal sealed class ToDecimalKernel(Kernel operand, bool isTry, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _isTry = isTry;

    protected override bool SelfMayFail => !_isTry && OperandType.PhysicalType == PhysicalType.Utf8;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var precision = Type.Precision;
        var scale = Type.Scale;
        var sourceType = OperandType;
        var result = DecimalMath.Allocate(Type, rows);
        if (sourceType.TypeId != TypeId.Decimal && operand is PrimitiveVector<long> longs && scale <= DataTypes.MaxDecimal64Precision)
        {
            ScaleIntegers(longs, result, rows, precision, scale);
            return result;
        }

        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            Int128 value;
            DecimalMath.Status status;
            switch (operand)
            {
                case BytesVector strings:
                    status = DecimalMath.Parse(strings.GetBytes(i), precision, scale, out value);
                    if (status == DecimalMath.Status.Invalid && !_isTry)
                    {
                        throw CastErrors.Invalid(strings.GetBytes(i), Type);
                    }

                    break;
                case PrimitiveVector<double> doubles:
                    status = DecimalMath.FromDouble(doubles.Values[i], precision, scale, out value);
                    break;
                case PrimitiveVector<float> floats:
                    status = DecimalMath.FromFloat(floats.Values[i], precision, scale, out value);
                    break;
                default:
                {
                    var unscaled = sourceType.TypeId == TypeId.Decimal ? DecimalMath.Read(operand, i) : ReadInteger(operand, i);
                    var fromScale = sourceType.TypeId == TypeId.Decimal ? sourceType.Scale : 0;
                    status = DecimalMath.TryRescale(unscaled, fromScale, scale, out value) && DecimalMath.Fits(value, precision)
                        ? DecimalMath.Status.Ok
                        : DecimalMath.Status.Overflow;
                    break;
                }
            }

            if (status == DecimalMath.Status.Ok)
            {
                DecimalMath.Write(result, i, value);
            }
            else
            {
                result.SetNull(i);
            }
        }

        return result;
    }

    /// <summary>BIGINT to DECIMAL(p, s), the common case (e.g. a price column), with the dispatch out of the loop.</summary>
    private static void ScaleIntegers(PrimitiveVector<long> operand, ColumnVector result, int rows, int precision, int scale)
    {
        var values = operand.Values;
        var factor = DecimalMath.Pow10(scale);
        var limit = DecimalMath.Pow10(Math.Min(precision, DataTypes.MaxDecimalPrecision));
        var narrow = result is PrimitiveVector<long> longs ? longs.Values : default;
        var wide = result is PrimitiveVector<Int128> int128s ? int128s.Values : default;
        var isNarrow = result is PrimitiveVector<long>;
        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var value = values[i] * factor;
            if (value >= limit || value <= -limit)
            {
                result.SetNull(i);
            }
            else if (isNarrow)
            {
                narrow[i] = (long)value;
            }
            else
            {
                wide[i] = value;
            }
        }
    }

    private static long ReadInteger(ColumnVector vector, int row) => vector switch
    {
        PrimitiveVector<sbyte> v => v.Values[row],
        PrimitiveVector<short> v => v.Values[row],
        PrimitiveVector<int> v => v.Values[row],
        _ => ((PrimitiveVector<long>)vector).Values[row],
    };
}
