using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// One node of a compiled expression: computes a whole column for a <see cref="Frame"/> of rows (and from its child
/// kernels' columns) in tight loops over spans. One virtual call per node per frame, never per row.
/// </summary>
internal abstract class Kernel
{
    private bool? _mayFail;

    protected Kernel(DataType type, params Kernel[] children)
    {
        Type = type;
        Children = children;
    }

    /// <summary>The result type.</summary>
    public DataType Type { get; }

    /// <summary>The child kernels (for analysis; each kernel evaluates its own children).</summary>
    public IReadOnlyList<Kernel> Children { get; }

    /// <summary>
    /// True when evaluating this kernel or a descendant may throw for some row values (division by zero, bad casts):
    /// conditional kernels then evaluate it only on the rows that reach it.
    /// </summary>
    public bool MayFail => _mayFail ??= SelfMayFail || Children.Any(c => c.MayFail);

    /// <summary>
    /// True for kernels whose cost does not depend on the frame (input references share the batch's column): a
    /// conditional kernel evaluates them on its whole frame instead of gathering a sub-frame.
    /// </summary>
    public virtual bool IsFree => false;

    /// <summary>True when this kernel itself may throw for some row values.</summary>
    protected virtual bool SelfMayFail => false;

    /// <summary>A vector of <see cref="Frame.Count"/> values, one per frame row; the caller owns (disposes) it.</summary>
    public abstract ColumnVector Evaluate(in Frame frame);
}
