using System.Numerics;
using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Compares two string (or binary) vectors by ordinal byte order of their UTF-8 encodings. When one side is a constant
/// (the right, or either for <c>=</c> and <c>&lt;&gt;</c>; a relabelled constant too, its bytes are the same), each
/// non-NULL row of the other side is compared with its bytes in place (a view is not made contiguous), and NULL rows are
/// not compared at all: they get the bit an empty value would, as before.
/// </summary>
internal sealed class BytesComparisonKernel : BinaryKernel
{
    private readonly ComparisonOperator _operator;
    private readonly byte[]? _constant;
    private readonly bool _constantOnLeft;

    public BytesComparisonKernel(Kernel left, Kernel right, ComparisonOperator op, DataType type)
        : base(left, right, type)
    {
        _operator = op;
        _constant = ConstantBytes(right);
        if (_constant is null && op is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
        {
            _constant = ConstantBytes(left);
            _constantOnLeft = _constant is not null;
        }
    }

    /// <summary>The comparison.</summary>
    internal ComparisonOperator Operator => _operator;

    private static byte[]? ConstantBytes(Kernel kernel)
    {
        var inner = kernel is TypeOverrideKernel { Children: [var relabelled] } ? relabelled : kernel;
        return inner is LiteralKernel { Value: var value }
            ? value switch
            {
                string text => Encoding.UTF8.GetBytes(text),
                byte[] bytes => bytes,
                _ => null,
            }
            : null;
    }

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        if (_constant is { } constant)
        {
            return CompareWithConstant(rows, (BytesVector)(_constantOnLeft ? rightVector : leftVector), constant, leftVector, rightVector);
        }

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

    private ColumnVector CompareWithConstant(int rows, BytesVector values, ReadOnlySpan<byte> constant, ColumnVector leftVector, ColumnVector rightVector)
    {
        var equality = _operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual;
        var holdsWhenEqual = equality && ComparisonResults.Holds(_operator, 0);
        var nullBit = ComparisonResults.Holds(_operator, equality ? (constant.IsEmpty ? 0 : 1) : ReadOnlySpan<byte>.Empty.SequenceCompareTo(constant));
        var nulls = values.NullBitmap;
        var words = NullMasks.WordCount(rows);
        var bits = new ulong[words];
        for (var w = 0; w < words; w++)
        {
            var inRange = w < words - 1 || (rows & 63) == 0 ? ulong.MaxValue : (1UL << (rows & 63)) - 1;
            var nullWord = nulls.IsEmpty ? 0 : nulls[w] & inRange;
            var live = inRange & ~nullWord;
            var word = nullBit ? nullWord : 0;
            while (live != 0)
            {
                var bit = BitOperations.TrailingZeroCount(live);
                live &= live - 1;
                var x = values.GetBytes((w << 6) + bit);
                var holds = equality
                    ? x.SequenceEqual(constant) == holdsWhenEqual
                    : ComparisonResults.Holds(_operator, x.SequenceCompareTo(constant));
                if (holds)
                {
                    word |= 1UL << bit;
                }
            }

            bits[w] = word;
        }

        return NullMasks.NewBoolean(Type, rows, bits, NullMasks.Union(rows, leftVector, rightVector));
    }
}
