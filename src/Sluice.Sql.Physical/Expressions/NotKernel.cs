using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>NOT a</c>: flips the value bits; NULL stays NULL.</summary>
internal sealed class NotKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var bits = ((BooleanVector)operand).Bits;
        var values = new ulong[bits.Length];
        for (var w = 0; w < values.Length; w++)
        {
            values[w] = ~bits[w];
        }

        return NullMasks.NewBoolean(Type, frame.Count, values, operand.NullBitmap);
    }
}
