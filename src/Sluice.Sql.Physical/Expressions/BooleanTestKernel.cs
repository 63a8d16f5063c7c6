using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>a IS [NOT] TRUE</c> / <c>a IS [NOT] FALSE</c>: never null; NULL is neither TRUE nor FALSE, so
/// <c>NULL IS NOT TRUE</c> and <c>NULL IS NOT FALSE</c> are TRUE.
/// </summary>
internal sealed class BooleanTestKernel(Kernel operand, bool testTrue, bool negated, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _testTrue = testTrue;
    private readonly bool _negated = negated;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var bits = ((BooleanVector)operand).Bits;
        var nulls = operand.NullBitmap;
        var values = new ulong[bits.Length];
        for (var w = 0; w < values.Length; w++)
        {
            var known = nulls.IsEmpty ? ulong.MaxValue : ~nulls[w];
            var hit = (_testTrue ? bits[w] : ~bits[w]) & known;
            values[w] = _negated ? ~hit : hit;
        }

        return NullMasks.NewBoolean(Type, frame.Count, values, default);
    }
}
