using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// One node of a compiled expression: computes a whole column from the batch (and its child kernels' columns) in
/// tight loops over spans. One virtual call per node per batch, never per row.
/// </summary>
internal abstract class Kernel
{
    protected Kernel(DataType type) => Type = type;

    /// <summary>The result type.</summary>
    public DataType Type { get; }

    /// <summary>A vector of <see cref="RecordBatch.PhysicalRowCount"/> values; the caller owns (disposes) it.</summary>
    public abstract ColumnVector Evaluate(RecordBatch batch);
}
