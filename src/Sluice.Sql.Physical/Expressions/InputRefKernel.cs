using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>A column of the input: shares the batch's vector (one more reference), or gathers the frame's rows.</summary>
internal sealed class InputRefKernel(int index, DataType type) : Kernel(type)
{
    private readonly int _index = index;

    public override bool IsFree => true;

    public override ColumnVector Evaluate(in Frame frame) =>
        frame.IsWholeBatch
            ? frame.Batch.Column(_index).Retain()
            : frame.Batch.Column(_index).Gather(frame.Rows.AsSpan(0, frame.Count));
}
