using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Compares two <c>DECIMAL</c> vectors of any scales and storages exactly.</summary>
internal sealed class DecimalComparisonKernel(Kernel left, Kernel right, ComparisonOperator op, DataType type) : BinaryKernel(left, right, type)
{
    private readonly ComparisonOperator _operator = op;
    private readonly int _leftScale = left.Type.Scale;
    private readonly int _rightScale = right.Type.Scale;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var i = 0; i < rows; i++)
        {
            var order = DecimalMath.Compare(DecimalMath.Read(leftVector, i), _leftScale, DecimalMath.Read(rightVector, i), _rightScale);
            if (ComparisonResults.Holds(_operator, order))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, NullMasks.Union(rows, leftVector, rightVector));
    }
}
