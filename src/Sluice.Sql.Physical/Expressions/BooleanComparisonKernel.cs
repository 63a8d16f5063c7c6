using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Compares two boolean vectors word by word (FALSE &lt; TRUE).</summary>
internal sealed class BooleanComparisonKernel(Kernel left, Kernel right, ComparisonOperator op, DataType type) : BinaryKernel(left, right, type)
{
    private readonly ComparisonOperator _operator = op;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var a = ((BooleanVector)leftVector).Bits;
        var b = ((BooleanVector)rightVector).Bits;
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var w = 0; w < bits.Length; w++)
        {
            var x = a[w];
            var y = b[w];
            bits[w] = _operator switch
            {
                ComparisonOperator.Equal => ~(x ^ y),
                ComparisonOperator.NotEqual => x ^ y,
                ComparisonOperator.Less => ~x & y,
                ComparisonOperator.LessOrEqual => ~x | y,
                ComparisonOperator.Greater => x & ~y,
                _ => x | ~y,
            };
        }

        return NullMasks.NewBoolean(Type, rows, bits, NullMasks.Union(rows, leftVector, rightVector));
    }
}
