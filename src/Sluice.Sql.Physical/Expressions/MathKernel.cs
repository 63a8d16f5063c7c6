using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>SQRT</c>, <c>EXP</c>, <c>LN</c>, <c>LOG10</c>, <c>LOG2</c>, the trigonometric and hyperbolic functions,
/// <c>DEGREES</c>, <c>RADIANS</c> (one operand) and <c>POWER</c>, <c>LOG(base, x)</c>, <c>ATAN2(y, x)</c> (two) on doubles, as Java's <c>Math</c>: out of
/// the domain gives NaN (<c>SQRT(-1)</c>, <c>LN(-1)</c>), never an error.
/// </summary>
internal sealed class MathKernel(Kernel[] operands, MathFunction function, DataType type) : NaryKernel(operands, type)
{
    private readonly MathFunction _function = function;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        ReadOnlySpan<double> a = ((PrimitiveVector<double>)operands[0]).Values;
        var result = PrimitiveVector<double>.Allocate(Type, rows);
        var target = result.Values;
        if (operands.Length == 2)
        {
            ReadOnlySpan<double> b = ((PrimitiveVector<double>)operands[1]).Values;
            for (var i = 0; i < rows; i++)
            {
                target[i] = _function switch
                {
                    MathFunction.Power => Math.Pow(a[i], b[i]),
                    MathFunction.Atan2 => Math.Atan2(a[i], b[i]),
                    _ => Math.Log(b[i]) / Math.Log(a[i]),
                };
            }
        }
        else
        {
            switch (_function)
            {
                case MathFunction.Sqrt:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Math.Sqrt(a[i]);
                    }

                    break;
                case MathFunction.Exp:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Math.Exp(a[i]);
                    }

                    break;
                case MathFunction.Ln:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Math.Log(a[i]);
                    }

                    break;
                case MathFunction.Log10:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Math.Log10(a[i]);
                    }

                    break;
                case MathFunction.Log2:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Math.Log(a[i]) / Math.Log(2);
                    }

                    break;
                default:
                    for (var i = 0; i < rows; i++)
                    {
                        target[i] = Apply(_function, a[i]);
                    }

                    break;
            }
        }

        var nulls = NullMasks.Union(rows, operands);
        if (nulls is not null)
        {
            NullMasks.Apply(result, nulls);
        }

        return result;
    }

    private static double Apply(MathFunction function, double x) => function switch
    {
        MathFunction.Sin => Math.Sin(x),
        MathFunction.Cos => Math.Cos(x),
        MathFunction.Tan => Math.Tan(x),
        MathFunction.Cot => 1.0 / Math.Tan(x),
        MathFunction.Sinh => Math.Sinh(x),
        MathFunction.Cosh => Math.Cosh(x),
        MathFunction.Tanh => Math.Tanh(x),
        MathFunction.Asin => Math.Asin(x),
        MathFunction.Acos => Math.Acos(x),
        MathFunction.Atan => Math.Atan(x),
        MathFunction.Degrees => x * (180.0 / Math.PI),
        _ => x / 180.0 * Math.PI,
    };
}
