using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>AND</c> / <c>OR</c> with SQL three-valued logic, 64 rows per step: FALSE AND NULL is FALSE, TRUE OR NULL is
/// TRUE, otherwise a null operand makes the result null.
/// </summary>
internal sealed class LogicalKernel(Kernel left, Kernel right, bool isAnd, DataType type) : BinaryKernel(left, right, type)
{
    private readonly bool _isAnd = isAnd;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var a = ((BooleanVector)leftVector).Bits;
        var b = ((BooleanVector)rightVector).Bits;
        var aNulls = leftVector.NullBitmap;
        var bNulls = rightVector.NullBitmap;
        var words = NullMasks.WordCount(rows);
        var values = new ulong[words];
        var nulls = new ulong[words];
        for (var w = 0; w < words; w++)
        {
            var an = aNulls.IsEmpty ? 0UL : aNulls[w];
            var bn = bNulls.IsEmpty ? 0UL : bNulls[w];
            var aTrue = a[w] & ~an;
            var bTrue = b[w] & ~bn;
            var aFalse = ~a[w] & ~an;
            var bFalse = ~b[w] & ~bn;
            ulong isTrue;
            ulong isFalse;
            if (_isAnd)
            {
                isTrue = aTrue & bTrue;
                isFalse = aFalse | bFalse;
            }
            else
            {
                isTrue = aTrue | bTrue;
                isFalse = aFalse & bFalse;
            }

            values[w] = isTrue;
            nulls[w] = ~(isTrue | isFalse);
        }

        return NullMasks.NewBoolean(Type, rows, values, nulls);
    }
}
