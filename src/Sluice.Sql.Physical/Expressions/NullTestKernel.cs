using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>a IS NULL</c> / <c>a IS NOT NULL</c>: the operand's null bitmap as a never-null boolean.</summary>
internal sealed class NullTestKernel(Kernel operand, bool isNotNull, DataType type) : Kernel(type)
{
    private readonly Kernel _operand = operand;
    private readonly bool _isNotNull = isNotNull;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        var rows = batch.PhysicalRowCount;
        using var vector = _operand.Evaluate(batch);
        var values = NullMasks.NullsOf(vector, rows);
        if (_isNotNull)
        {
            for (var w = 0; w < values.Length; w++)
            {
                values[w] = ~values[w];
            }
        }

        return NullMasks.NewBoolean(Type, rows, values, default);
    }
}
