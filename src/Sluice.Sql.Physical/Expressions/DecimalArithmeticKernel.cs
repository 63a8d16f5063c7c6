using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>+ - * / %</c> on <c>DECIMAL</c> operands of any scales, exactly, with the result type the binder inferred
/// (Flink's <c>LogicalTypeMerging</c>): the exact result rounded half up to the result scale. A result that needs more
/// digits than the result precision is NULL, as in Flink; division or modulo by zero is an error.
/// </summary>
internal sealed class DecimalArithmeticKernel(Kernel left, Kernel right, ArithmeticOperator op, DataType type) : BinaryKernel(left, right, type)
{
    private readonly ArithmeticOperator _operator = op;
    private readonly int _leftScale = left.Type.Scale;
    private readonly int _rightScale = right.Type.Scale;

    protected override bool SelfMayFail => _operator is ArithmeticOperator.Divide or ArithmeticOperator.Modulo;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var precision = Type.Precision;
        var scale = Type.Scale;
        if (_operator == ArithmeticOperator.Multiply && scale == _leftScale + _rightScale
            && TryMultiplyNarrow(rows, leftVector, rightVector) is { } product)
        {
            return product;
        }

        var result = DecimalMath.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (leftVector.IsNull(i) || rightVector.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var a = DecimalMath.Read(leftVector, i);
            var b = DecimalMath.Read(rightVector, i);
            Int128 value;
            bool ok;
            switch (_operator)
            {
                case ArithmeticOperator.Add:
                    ok = DecimalMath.TryAdd(a, _leftScale, b, _rightScale, scale, precision, out value);
                    break;
                case ArithmeticOperator.Subtract:
                    ok = DecimalMath.TryAdd(a, _leftScale, -b, _rightScale, scale, precision, out value);
                    break;
                case ArithmeticOperator.Multiply:
                    ok = DecimalMath.TryMultiply(a, b, _leftScale + _rightScale, scale, precision, out value);
                    break;
                case ArithmeticOperator.Divide:
                    ok = b != 0 ? DecimalMath.TryDivide(a, _leftScale, b, _rightScale, scale, precision, out value) : throw DivisionByZero(false);
                    break;
                default:
                    value = b != 0 ? DecimalMath.Remainder(a, _leftScale, b, _rightScale, scale) : throw DivisionByZero(true);
                    ok = DecimalMath.Fits(value, precision);
                    break;
            }

            if (ok)
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

    /// <summary>
    /// A product whose exact scale is the result scale (<c>0.908 * price</c>) when every operand value fits 64 bits:
    /// one 64 × 64 → 128-bit multiply and a range check per row, no per-row dispatch; null when some value is wider
    /// (the general loop then computes it).
    /// </summary>
    private ColumnVector? TryMultiplyNarrow(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        long[]? leftBuffer = null;
        long[]? rightBuffer = null;
        try
        {
            if (!TryLongs(leftVector, rows, out var a, out leftBuffer) || !TryLongs(rightVector, rows, out var b, out rightBuffer))
            {
                return null;
            }

            var limit = DecimalMath.Pow10(Math.Min(Type.Precision, DataTypes.MaxDecimalPrecision));
            var result = DecimalMath.Allocate(Type, rows);
            var overflow = new ulong[NullMasks.WordCount(rows)];
            var any = false;
            var wide = result is PrimitiveVector<Int128> int128s ? int128s.Values : default;
            var narrow = result is PrimitiveVector<long> longs ? longs.Values : default;
            for (var i = 0; i < rows; i++)
            {
                var high = Math.BigMul(a[i], b[i], out var low);
                var value = new Int128((ulong)high, (ulong)low);
                if (value >= limit || value <= -limit)
                {
                    overflow[i >> 6] |= 1UL << i;
                    any = true;
                }
                else if (narrow.IsEmpty)
                {
                    wide[i] = value;
                }
                else
                {
                    narrow[i] = low;
                }
            }

            NullMasks.Apply(result, NullMasks.Union(rows, leftVector, rightVector));
            if (any)
            {
                NullMasks.Apply(result, overflow);
            }

            return result;
        }
        finally
        {
            if (leftBuffer is not null)
            {
                BufferPool.Return(leftBuffer);
            }

            if (rightBuffer is not null)
            {
                BufferPool.Return(rightBuffer);
            }
        }
    }

    /// <summary>
    /// The unscaled values of a decimal vector as 64-bit integers: a 64-bit vector's own values, or a 128-bit vector's
    /// copied into a pooled <paramref name="buffer"/> when every non-null value fits (nulls read as 0); false otherwise.
    /// </summary>
    private static bool TryLongs(ColumnVector vector, int rows, out Span<long> values, out long[]? buffer)
    {
        buffer = null;
        if (vector is PrimitiveVector<long> longs)
        {
            values = longs.Values;
            return true;
        }

        values = default;
        if (vector is not PrimitiveVector<Int128> wide)
        {
            return false;
        }

        var source = wide.Values;
        buffer = BufferPool.Rent<long>(Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            var value = source[i];
            if (value > long.MaxValue || value < long.MinValue)
            {
                if (!vector.IsNull(i))
                {
                    return false;
                }

                value = 0;
            }

            buffer[i] = (long)value;
        }

        values = buffer.AsSpan(0, rows);
        return true;
    }

    private static SluiceException DivisionByZero(bool modulo) =>
        new(modulo ? "Modulo by zero." : "Division by zero.", ErrorDomain.User);
}
