using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Compares two string (or binary) vectors by ordinal byte order of their UTF-8 encodings.</summary>
internal sealed class BytesComparisonKernel(Kernel left, Kernel right, ComparisonOperator op, DataType type) : BinaryKernel(left, right, type)
{
    private readonly ComparisonOperator _operator = op;

    /// <summary>The comparison.</summary>
    internal ComparisonOperator Operator => _operator;

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        var a = (BytesVector)leftVector;
        var b = (BytesVector)rightVector;
        ReadOnlySpan<int> aOffsets = a.Offsets;
        ReadOnlySpan<int> bOffsets = b.Offsets;
        ReadOnlySpan<byte> aData = a.Data;
        ReadOnlySpan<byte> bData = b.Data;
        var bits = new ulong[NullMasks.WordCount(rows)];
        for (var i = 0; i < rows; i++)
        {
            var x = aData[aOffsets[i]..aOffsets[i + 1]];
            var y = bData[bOffsets[i]..bOffsets[i + 1]];
            var order = _operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual
                ? (x.SequenceEqual(y) ? 0 : 1)
                : x.SequenceCompareTo(y);
            if (ComparisonResults.Holds(_operator, order))
            {
                bits[i >> 6] |= 1UL << i;
            }
        }

        return NullMasks.NewBoolean(Type, rows, bits, NullMasks.Union(rows, leftVector, rightVector));
    }
}
