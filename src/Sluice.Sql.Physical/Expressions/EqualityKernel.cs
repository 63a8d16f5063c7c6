using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Value equality for any type, row by row: <c>=</c> and <c>&lt;&gt;</c> on constructed types (NULL when either side is
/// NULL), and <c>IS [NOT] DISTINCT FROM</c> (never NULL; two NULLs are not distinct).
/// </summary>
internal sealed class EqualityKernel(Kernel left, Kernel right, bool negated, bool nullSafe, DataType type) : BinaryKernel(left, right, type)
{
    private readonly bool _negated = negated;
    private readonly bool _nullSafe = nullSafe;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var i = 0; i < rows; i++)
        {
            if (VectorValues.Equal(leftVector, i, rightVector, i) != _negated)
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, _nullSafe ? default : NullMasks.Union(rows, leftVector, rightVector));
    }
}
