using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>ARRAY[a, b, ...]</c>, <c>MAP[k1, v1, ...]</c> and <c>ROW(a, b, ...)</c>: one constructed value per row from the
/// operands (already converted to the element, key, value or field types). A map keeps each key once, with its last
/// value, at the key's first position (Flink builds a map from the pairs in order).
/// </summary>
internal sealed class ConstructorKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, rows));
        switch (builder)
        {
            case ListVectorBuilder list:
                for (var i = 0; i < rows; i++)
                {
                    list.StartEntry();
                    foreach (var operand in operands)
                    {
                        VectorValues.Append(list.Elements, operand, i);
                    }
                }

                break;
            case MapVectorBuilder map:
                for (var i = 0; i < rows; i++)
                {
                    map.StartEntry();
                    for (var k = 0; k < operands.Length; k += 2)
                    {
                        var duplicate = false;
                        for (var earlier = 0; earlier < k && !duplicate; earlier += 2)
                        {
                            duplicate = VectorValues.Equal(operands[earlier], i, operands[k], i);
                        }

                        if (duplicate)
                        {
                            continue;
                        }

                        var last = k;
                        for (var later = k + 2; later < operands.Length; later += 2)
                        {
                            if (VectorValues.Equal(operands[later], i, operands[k], i))
                            {
                                last = later;
                            }
                        }

                        VectorValues.Append(map.Keys, operands[k], i);
                        VectorValues.Append(map.Values, operands[last + 1], i);
                    }
                }

                break;
            default:
                var row = (StructVectorBuilder)builder;
                for (var i = 0; i < rows; i++)
                {
                    row.AppendRow();
                    for (var k = 0; k < operands.Length; k++)
                    {
                        VectorValues.Append(row.Child(k), operands[k], i);
                    }
                }

                break;
        }

        return builder.Build();
    }
}
