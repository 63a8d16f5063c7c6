using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>A kernel over one child kernel: evaluates it on the frame, hands the vector to <see cref="Compute"/> and disposes it.</summary>
internal abstract class UnaryKernel(Kernel operand, DataType type) : Kernel(type, operand)
{
    private readonly Kernel _operand = operand;

    /// <summary>The operand's type.</summary>
    protected DataType OperandType => _operand.Type;

    /// <inheritdoc />
    public sealed override ColumnVector Evaluate(in Frame frame)
    {
        using var vector = _operand.Evaluate(frame);
        return Compute(frame, vector);
    }

    /// <summary>The result for the frame's rows; the operand vector stays owned by the caller.</summary>
    protected abstract ColumnVector Compute(in Frame frame, ColumnVector operand);
}
