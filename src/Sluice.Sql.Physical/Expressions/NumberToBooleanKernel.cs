using System.Numerics;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>CAST(n AS BOOLEAN)</c>: TRUE for any non-zero number (decimals compare their unscaled value).</summary>
internal sealed class NumberToBooleanKernel<T>(Kernel operand, DataType type) : UnaryKernel(operand, type)
    where T : unmanaged, INumber<T>
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        ReadOnlySpan<T> source = ((PrimitiveVector<T>)operand).Values;
        var bits = new ulong[NullMasks.WordCount(source.Length)];
        for (var i = 0; i < source.Length; i++)
        {
            bits[i >> 6] |= (source[i] != T.Zero ? 1UL : 0UL) << i;
        }

        return NullMasks.NewBoolean(Type, source.Length, bits, operand.NullBitmap);
    }
}
