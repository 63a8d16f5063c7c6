using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>NOT a</c>: flips the value bits; NULL stays NULL.</summary>
internal sealed class NotKernel(Kernel operand, DataType type) : Kernel(type)
{
    private readonly Kernel _operand = operand;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        var rows = batch.PhysicalRowCount;
        using var vector = _operand.Evaluate(batch);
        var bits = ((BooleanVector)vector).Bits;
        var values = new ulong[bits.Length];
        for (var w = 0; w < values.Length; w++)
        {
            values[w] = ~bits[w];
        }

        return NullMasks.NewBoolean(Type, rows, values, vector.NullBitmap);
    }
}
