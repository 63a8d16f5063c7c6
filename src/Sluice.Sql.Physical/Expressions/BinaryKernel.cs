using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A kernel over two child kernels: evaluates both on the frame, hands their vectors to <see cref="Combine"/> and
/// disposes them afterwards.
/// </summary>
internal abstract class BinaryKernel(Kernel left, Kernel right, DataType type) : Kernel(type, left, right)
{
    private readonly Kernel _left = left;
    private readonly Kernel _right = right;

    /// <inheritdoc />
    public sealed override ColumnVector Evaluate(in Frame frame)
    {
        using var leftVector = _left.Evaluate(frame);
        using var rightVector = _right.Evaluate(frame);
        return Combine(frame.Count, leftVector, rightVector);
    }

    /// <summary>The result for <paramref name="rows"/> rows; the child vectors stay owned by the caller.</summary>
    protected abstract ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector);
}
