using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>AND</c> / <c>OR</c> with SQL three-valued logic, 64 rows per step: FALSE AND NULL is FALSE, TRUE OR NULL is
/// TRUE, otherwise a null operand makes the result null. Short-circuits as Flink's generated code does: when the
/// right operand may fail, it is evaluated only on the rows where the left one does not decide the result (not FALSE
/// for AND, not TRUE for OR), so <c>x &lt;&gt; 0 AND 10 / x &gt; 1</c> never divides by zero.
/// </summary>
internal sealed class LogicalKernel(Kernel left, Kernel right, bool isAnd, DataType type) : Kernel(type, left, right)
{
    private readonly Kernel _left = left;
    private readonly Kernel _right = right;
    private readonly bool _isAnd = isAnd;

    public override ColumnVector Evaluate(in Frame frame)
    {
        var rows = frame.Count;
        using var leftVector = _left.Evaluate(frame);
        var a = ((BooleanVector)leftVector).Bits;
        var aNulls = leftVector.NullBitmap;
        if (!_right.MayFail)
        {
            using var rightVector = _right.Evaluate(frame);
            return Combine(rows, a, aNulls, ((BooleanVector)rightVector).Bits, rightVector.NullBitmap);
        }

        // Rows the left operand does not decide: AND needs the right operand unless left is FALSE, OR unless TRUE.
        var words = NullMasks.WordCount(rows);
        var bits = new ulong[words];
        var bNulls = new ulong[words];
        var open = BufferPool.Rent<int>(Math.Max(1, rows));
        try
        {
            var count = 0;
            for (var w = 0; w < words; w++)
            {
                var nulls = aNulls.IsEmpty ? 0UL : aNulls[w];
                var undecided = _isAnd ? a[w] | nulls : ~a[w] | nulls;
                while (undecided != 0)
                {
                    var row = (w << 6) + BitOperations.TrailingZeroCount(undecided);
                    undecided &= undecided - 1;
                    if (row < rows)
                    {
                        open[count++] = row;
                    }
                }
            }

            if (count > 0)
            {
                ScatterRight(frame, open.AsSpan(0, count), bits, bNulls);
            }
        }
        finally
        {
            BufferPool.Return(open);
        }

        return Combine(rows, a, aNulls, bits, bNulls);
    }

    /// <summary>Evaluates the right operand on the rows at <paramref name="positions"/> and writes its bits at those rows.</summary>
    private void ScatterRight(in Frame frame, ReadOnlySpan<int> positions, ulong[] bits, ulong[] nulls)
    {
        using var rightVector = RowSubsets.Evaluate(_right, frame, positions, out var dense);
        var right = (BooleanVector)rightVector;
        for (var k = 0; k < positions.Length; k++)
        {
            var source = dense ? positions[k] : k;
            var row = positions[k];
            if (right.IsNull(source))
            {
                nulls[row >> 6] |= 1UL << row;
            }
            else if (right[source])
            {
                bits[row >> 6] |= 1UL << row;
            }
        }
    }

    private BooleanVector Combine(int rows, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> aNulls, ReadOnlySpan<ulong> b, ReadOnlySpan<ulong> bNulls)
    {
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
