using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>-x</c>, <c>ABS(x)</c>, <c>SIGN(x)</c> (-1, 0 or 1 at x's scale), <c>FLOOR(x)</c> and <c>CEIL(x)</c> (to scale 0)
/// on <c>DECIMAL</c>. A result that does not fit the result precision is NULL.
/// </summary>
internal sealed class DecimalUnaryKernel(Kernel operand, DecimalUnary function, DataType type) : UnaryKernel(operand, type)
{
    private readonly DecimalUnary _function = function;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var scale = OperandType.Scale;
        var result = DecimalMath.Allocate(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var value = DecimalMath.Read(operand, i);
            var unit = DecimalMath.Pow10(scale);
            value = _function switch
            {
                DecimalUnary.Negate => -value,
                DecimalUnary.Abs => value < 0 ? -value : value,
                DecimalUnary.Sign => value.CompareTo(0) * unit,
                DecimalUnary.Floor => FloorDiv(value, unit),
                _ => -FloorDiv(-value, unit),
            };
            if (DecimalMath.Fits(value, Type.Precision))
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

    private static Int128 FloorDiv(Int128 value, Int128 divisor)
    {
        var (quotient, remainder) = Int128.DivRem(value, divisor);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
