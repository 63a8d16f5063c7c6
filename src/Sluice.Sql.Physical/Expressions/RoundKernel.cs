using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>ROUND(x, d)</c> (half up, away from zero) and <c>TRUNCATE(x, d)</c> (toward zero) to <c>d</c> fraction digits
/// (negative: tens, hundreds, ...), as Flink computes them through <c>BigDecimal</c>: floating numbers round their
/// shortest decimal form (so <c>ROUND(2.675, 2)</c> is 2.68), integers round and wrap to their type, decimals take the
/// result type the binder inferred (a result that does not fit is NULL).
/// </summary>
internal sealed class RoundKernel(Kernel operand, Kernel digits, bool truncate, DataType type) : BinaryKernel(operand, digits, type)
{
    private readonly bool _truncate = truncate;
    private readonly DataType _operandType = operand.Type;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        ReadOnlySpan<int> digits = ((PrimitiveVector<int>)rightVector).Values;
        var nulls = NullMasks.Union(rows, leftVector, rightVector);
        ColumnVector result;
        switch (leftVector)
        {
            case PrimitiveVector<double> doubles:
            {
                var target = PrimitiveVector<double>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (!NullMasks.Get(nulls, i))
                    {
                        target.Values[i] = RoundDouble(doubles.Values[i], digits[i], float.NaN);
                    }
                }

                result = target;
                break;
            }

            case PrimitiveVector<float> floats:
            {
                var target = PrimitiveVector<float>.Allocate(Type, rows);
                for (var i = 0; i < rows; i++)
                {
                    if (!NullMasks.Get(nulls, i))
                    {
                        target.Values[i] = (float)RoundDouble(floats.Values[i], digits[i], floats.Values[i]);
                    }
                }

                result = target;
                break;
            }

            default:
                result = _operandType.TypeId == TypeId.Decimal ? RoundDecimal(leftVector, digits, nulls, rows) : RoundInteger(leftVector, digits, nulls, rows);
                break;
        }

        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }

    private double RoundDouble(double value, int digits, float single)
    {
        if (!double.IsFinite(value))
        {
            return value;
        }

        var status = float.IsNaN(single)
            ? DecimalMath.FromDouble(value, DataTypes.MaxDecimalPrecision, digits, out var unscaled, _truncate)
            : DecimalMath.FromFloat(single, DataTypes.MaxDecimalPrecision, digits, out unscaled, _truncate);
        if (status != DecimalMath.Status.Ok)
        {
            return value;
        }

        return digits >= 0 ? DecimalMath.ToDouble(unscaled, digits) : (double)unscaled * Math.Pow(10, -digits);
    }

    private ColumnVector RoundInteger(ColumnVector source, ReadOnlySpan<int> digits, ulong[]? nulls, int rows)
    {
        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            long value = source switch
            {
                PrimitiveVector<sbyte> v => v.Values[i],
                PrimitiveVector<short> v => v.Values[i],
                PrimitiveVector<int> v => v.Values[i],
                _ => ((PrimitiveVector<long>)source).Values[i],
            };
            if (!NullMasks.Get(nulls, i) && digits[i] < 0)
            {
                DecimalMath.TryRescale(value, 0, digits[i], out var rounded, _truncate);
                DecimalMath.TryRescale(rounded, digits[i], 0, out var back);
                value = unchecked((long)back);
            }

            switch (builder)
            {
                case PrimitiveVectorBuilder<sbyte> b:
                    b.Append(unchecked((sbyte)value));
                    break;
                case PrimitiveVectorBuilder<short> b:
                    b.Append(unchecked((short)value));
                    break;
                case PrimitiveVectorBuilder<int> b:
                    b.Append(unchecked((int)value));
                    break;
                default:
                    ((PrimitiveVectorBuilder<long>)builder).Append(value);
                    break;
            }
        }

        return builder.Build();
    }

    private ColumnVector RoundDecimal(ColumnVector source, ReadOnlySpan<int> digits, ulong[]? nulls, int rows)
    {
        var scale = _operandType.Scale;
        var result = DecimalMath.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                continue;
            }

            var value = DecimalMath.Read(source, i);
            var d = Math.Max(digits[i], -DataTypes.MaxDecimalPrecision);
            var atDigits = scale;
            if (d < scale)
            {
                DecimalMath.TryRescale(value, scale, d, out value, _truncate);
                atDigits = d;
            }

            if (DecimalMath.TryRescale(value, atDigits, Type.Scale, out var scaled, _truncate) && DecimalMath.Fits(scaled, Type.Precision))
            {
                DecimalMath.Write(result, i, scaled);
            }
            else
            {
                result.SetNull(i);
            }
        }

        return result;
    }
}
