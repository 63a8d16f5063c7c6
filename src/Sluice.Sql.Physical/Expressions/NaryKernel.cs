using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A kernel over any number of child kernels: evaluates all on the frame, hands their vectors to
/// <see cref="Compute"/> and disposes them afterwards.
/// </summary>
internal abstract class NaryKernel(Kernel[] operands, DataType type) : Kernel(type, operands)
{
    private readonly Kernel[] _operands = operands;

    /// <summary>The operand kernels.</summary>
    protected IReadOnlyList<Kernel> Operands => _operands;

    /// <inheritdoc />
    public sealed override ColumnVector Evaluate(in Frame frame)
    {
        var vectors = new ColumnVector[_operands.Length];
        try
        {
            for (var k = 0; k < vectors.Length; k++)
            {
                vectors[k] = _operands[k].Evaluate(frame);
            }

            return Compute(frame, vectors);
        }
        finally
        {
            foreach (var vector in vectors)
            {
                vector?.Dispose();
            }
        }
    }

    /// <summary>The result for the frame's rows; the operand vectors stay owned by the caller.</summary>
    protected abstract ColumnVector Compute(in Frame frame, ColumnVector[] operands);
}
