using System.Numerics;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts between the integer and floating types as Java does: narrowing integers wrap; floating to integer truncates
/// toward zero, saturating, and NaN becomes 0.
/// </summary>
internal sealed class NumericCastKernel<TFrom, TTo>(Kernel operand, DataType type) : UnaryKernel(operand, type)
    where TFrom : unmanaged, INumber<TFrom>
    where TTo : unmanaged, INumber<TTo>
{
    private static readonly bool FromFloating = typeof(TFrom) == typeof(double) || typeof(TFrom) == typeof(float);
    private static readonly bool ToSmallInteger = typeof(TTo) == typeof(sbyte) || typeof(TTo) == typeof(short);
    private static readonly bool ToFloating = typeof(TTo) == typeof(double) || typeof(TTo) == typeof(float);

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        ReadOnlySpan<TFrom> source = ((PrimitiveVector<TFrom>)operand).Values;
        var result = PrimitiveVector<TTo>.Allocate(Type, source.Length);
        var target = result.Values;
        if (FromFloating && ToSmallInteger)
        {
            // Java narrows a double to byte/short through int: (byte)(int)d.
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = TTo.CreateTruncating(int.CreateSaturating(source[i]));
            }
        }
        else if (FromFloating && !ToFloating)
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = TTo.CreateSaturating(source[i]);
            }
        }
        else
        {
            for (var i = 0; i < source.Length; i++)
            {
                target[i] = TTo.CreateTruncating(source[i]);
            }
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
