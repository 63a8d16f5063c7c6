using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Collection functions (see <see cref="CollectionFunction"/>) with Flink's rules: <c>array[i]</c> is NULL outside
/// 1..length; <c>map[key]</c> is NULL for a missing key; <c>ELEMENT</c> is NULL for an empty array and an error for more
/// than one element; <c>ARRAY_CONTAINS</c> finds NULL elements too and is NULL only for a NULL array. Any NULL
/// collection gives NULL.
/// </summary>
internal sealed class CollectionKernel(Kernel[] operands, CollectionFunction function, DataType type) : NaryKernel(operands, type)
{
    private readonly CollectionFunction _function = function;

    protected override bool SelfMayFail => _function == CollectionFunction.Element;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var collection = operands[0];
        if (_function is CollectionFunction.Cardinality or CollectionFunction.Contains)
        {
            ColumnVector result = _function == CollectionFunction.Cardinality ? PrimitiveVector<int>.Allocate(Type, rows) : BooleanVector.Allocate(Type, rows);
            for (var i = 0; i < rows; i++)
            {
                if (collection.IsNull(i))
                {
                    result.SetNull(i);
                    continue;
                }

                var (start, count) = Range(collection, i);
                if (result is PrimitiveVector<int> counts)
                {
                    counts.Values[i] = count;
                    continue;
                }

                var elements = ((ListVector)collection).Elements;
                var found = false;
                for (var k = 0; k < count && !found; k++)
                {
                    found = VectorValues.Equal(elements, start + k, operands[1], i);
                }

                ((BooleanVector)result).Set(i, found);
            }

            return result;
        }

        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            if (collection.IsNull(i) || (operands.Length > 1 && operands[1].IsNull(i)))
            {
                builder.AppendNull();
                continue;
            }

            var (start, count) = Range(collection, i);
            if (_function == CollectionFunction.Element)
            {
                if (count > 1)
                {
                    throw new SluiceException($"ELEMENT: the array has {count} elements, not one.", ErrorDomain.User);
                }

                if (count == 0)
                {
                    builder.AppendNull();
                }
                else
                {
                    VectorValues.Append(builder, ((ListVector)collection).Elements, start);
                }

                continue;
            }

            if (collection is MapVector map)
            {
                var at = -1;
                for (var k = 0; k < count && at < 0; k++)
                {
                    if (VectorValues.Equal(map.Keys, start + k, operands[1], i))
                    {
                        at = start + k;
                    }
                }

                if (at < 0)
                {
                    builder.AppendNull();
                }
                else
                {
                    VectorValues.Append(builder, map.Values, at);
                }

                continue;
            }

            var index = ((PrimitiveVector<int>)operands[1]).Values[i];
            if (index < 1 || index > count)
            {
                builder.AppendNull();
            }
            else
            {
                VectorValues.Append(builder, ((ListVector)collection).Elements, start + index - 1);
            }
        }

        return builder.Build();
    }

    private static (int Start, int Count) Range(ColumnVector collection, int row) =>
        collection is MapVector map ? map.GetRange(row) : ((ListVector)collection).GetRange(row);
}
