using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A conversion that needs no work on the values (a <c>VARCHAR(3)</c> read as <c>STRING</c>, a <c>TIMESTAMP(0)</c> as
/// <c>TIMESTAMP(3)</c>): passes the operand's vector through but declares the target type, so kernels above it see the
/// type they expect (text forms use the declared precision). <see cref="CompiledExpression"/> relabels a result vector
/// whose type differs from the expression's.
/// </summary>
internal sealed class TypeOverrideKernel(Kernel operand, DataType type) : Kernel(type, operand)
{
    private readonly Kernel _operand = operand;

    public override bool IsFree => _operand.IsFree;

    public override ColumnVector Evaluate(in Frame frame) => _operand.Evaluate(frame);
}
