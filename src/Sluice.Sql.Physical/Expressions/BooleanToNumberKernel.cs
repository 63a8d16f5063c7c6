using System.Numerics;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>CAST(b AS numeric)</c>: 1 for TRUE, 0 for FALSE (for decimals, 1 at the type's scale).</summary>
internal sealed class BooleanToNumberKernel<T>(Kernel operand, T one, DataType type) : UnaryKernel(operand, type)
    where T : unmanaged, INumber<T>
{
    private readonly T _one = one;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var booleans = (BooleanVector)operand;
        var result = PrimitiveVector<T>.Allocate(Type, frame.Count);
        var target = result.Values;
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = booleans[i] ? _one : T.Zero;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
