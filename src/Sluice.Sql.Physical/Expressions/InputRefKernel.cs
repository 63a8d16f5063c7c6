using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>A column of the input: shares the batch's vector (one more reference).</summary>
internal sealed class InputRefKernel(int index, DataType type) : Kernel(type)
{
    private readonly int _index = index;

    public override ColumnVector Evaluate(RecordBatch batch) => batch.Column(_index).Retain();
}
