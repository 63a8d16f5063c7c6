using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// An expression compiled once (by <see cref="ExpressionCompiler.Compile"/>) into a tree of column kernels, to be
/// evaluated on many batches. Not thread-safe: kernels keep scratch buffers; use one instance per operator instance.
/// </summary>
public sealed class CompiledExpression
{
    private readonly Kernel _root;

    internal CompiledExpression(Kernel root) => _root = root;

    /// <summary>The result type.</summary>
    public DataType Type => _root.Type;

    /// <summary>
    /// Evaluates the expression on every physical row of <paramref name="batch"/> (the selection is ignored). The
    /// caller owns (disposes) the returned vector, which may share buffers with the batch (an input reference).
    /// </summary>
    public ColumnVector Evaluate(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return _root.Evaluate(batch);
    }
}
