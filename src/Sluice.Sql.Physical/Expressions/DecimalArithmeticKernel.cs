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

    private static SluiceException DivisionByZero(bool modulo) =>
        new(modulo ? "Modulo by zero." : "Division by zero.", ErrorDomain.User);
}
