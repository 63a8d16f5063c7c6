using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>left op right</c> over two vectors of the same fixed-width storage type <typeparamref name="T"/>.</summary>
internal sealed class ComparisonKernel<T> : BinaryKernel
    where T : unmanaged, IComparisonOperators<T, T, bool>
{
    private readonly ComparisonOperator _operator;

    public ComparisonKernel(Kernel left, Kernel right, ComparisonOperator op, DataType type)
        : base(left, right, type)
    {
        _operator = op;
    }

    protected override ColumnVector Combine(int rows, ColumnVector leftVector, ColumnVector rightVector)
    {
        ReadOnlySpan<T> a = ((PrimitiveVector<T>)leftVector).Values;
        ReadOnlySpan<T> b = ((PrimitiveVector<T>)rightVector).Values;
        var bits = new ulong[NullMasks.WordCount(rows)];
        switch (_operator)
        {
            case ComparisonOperator.Equal:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] == b[i] ? 1UL : 0UL) << i;
                }

                break;
            case ComparisonOperator.NotEqual:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] != b[i] ? 1UL : 0UL) << i;
                }

                break;
            case ComparisonOperator.Less:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] < b[i] ? 1UL : 0UL) << i;
                }

                break;
            case ComparisonOperator.LessOrEqual:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] <= b[i] ? 1UL : 0UL) << i;
                }

                break;
            case ComparisonOperator.Greater:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] > b[i] ? 1UL : 0UL) << i;
                }

                break;
            default:
                for (var i = 0; i < rows; i++)
                {
                    bits[i >> 6] |= (a[i] >= b[i] ? 1UL : 0UL) << i;
                }

                break;
        }

        return NullMasks.NewBoolean(Type, rows, bits, NullMasks.Union(rows, leftVector, rightVector));
    }
}
