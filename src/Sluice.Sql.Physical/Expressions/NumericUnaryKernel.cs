using System.Numerics;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>ABS</c>, <c>SIGN</c>, <c>FLOOR</c> and <c>CEIL</c> on integers and floating numbers, in the operand's type:
/// <c>ABS</c> of the smallest integer wraps (as Java's <c>Math.abs</c>), <c>SIGN</c> of NaN is NaN, <c>FLOOR</c> and
/// <c>CEIL</c> leave integers alone.
/// </summary>
internal sealed class NumericUnaryKernel<T>(Kernel operand, DecimalUnary function, DataType type) : UnaryKernel(operand, type)
    where T : unmanaged, INumber<T>
{
    private readonly DecimalUnary _function = function;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        ReadOnlySpan<T> source = ((PrimitiveVector<T>)operand).Values;
        var result = PrimitiveVector<T>.Allocate(Type, source.Length);
        var target = result.Values;
        switch (_function)
        {
            case DecimalUnary.Abs:
                for (var i = 0; i < source.Length; i++)
                {
                    target[i] = T.IsNegative(source[i]) ? unchecked(T.Zero - source[i]) : source[i];
                }

                break;
            case DecimalUnary.Sign:
                for (var i = 0; i < source.Length; i++)
                {
                    var x = source[i];
                    target[i] = T.IsNaN(x) ? x : x > T.Zero ? T.One : x < T.Zero ? -T.One : T.Zero;
                }

                break;
            case DecimalUnary.Floor:
                for (var i = 0; i < source.Length; i++)
                {
                    target[i] = source[i] switch
                    {
                        double d => T.CreateTruncating(Math.Floor(d)),
                        float f => T.CreateTruncating(MathF.Floor(f)),
                        var x => x,
                    };
                }

                break;
            default:
                for (var i = 0; i < source.Length; i++)
                {
                    target[i] = source[i] switch
                    {
                        double d => T.CreateTruncating(Math.Ceiling(d)),
                        float f => T.CreateTruncating(MathF.Ceiling(f)),
                        var x => x,
                    };
                }

                break;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
