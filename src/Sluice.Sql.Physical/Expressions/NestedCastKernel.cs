using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts <c>ARRAY</c>, <c>MULTISET</c>, <c>MAP</c> and <c>ROW</c> values element by element: each child vector (the
/// elements, the keys and values, the fields) is converted by a compiled cast kernel over the child column, then the
/// structure is rebuilt around the converted children.
/// </summary>
internal sealed class NestedCastKernel : UnaryKernel
{
    private readonly Kernel[] _childCasts;

    /// <param name="operand">The value to convert.</param>
    /// <param name="childCasts">One cast per child of the source type (element; key and value; each field), each reading column 0.</param>
    /// <param name="type">The target type.</param>
    public NestedCastKernel(Kernel operand, Kernel[] childCasts, DataType type)
        : base(operand, type)
    {
        _childCasts = childCasts;
    }

    protected override bool SelfMayFail => _childCasts.Any(c => c.MayFail);

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        using var builder = ColumnVectorBuilder.Create(Type, Math.Max(1, rows));
        switch (operand)
        {
            case ListVector list:
            {
                using var elements = Convert(0, list.Elements, frame.Context);
                var target = (ListVectorBuilder)builder;
                for (var i = 0; i < rows; i++)
                {
                    if (list.IsNull(i))
                    {
                        target.AppendNull();
                        continue;
                    }

                    var (start, count) = list.GetRange(i);
                    target.StartEntry();
                    for (var k = 0; k < count; k++)
                    {
                        VectorValues.Append(target.Elements, elements, start + k);
                    }
                }

                break;
            }

            case MapVector map:
            {
                using var keys = Convert(0, map.Keys, frame.Context);
                using var values = Convert(1, map.Values, frame.Context);
                var target = (MapVectorBuilder)builder;
                for (var i = 0; i < rows; i++)
                {
                    if (map.IsNull(i))
                    {
                        target.AppendNull();
                        continue;
                    }

                    var (start, count) = map.GetRange(i);
                    target.StartEntry();
                    for (var k = 0; k < count; k++)
                    {
                        VectorValues.Append(target.Keys, keys, start + k);
                        VectorValues.Append(target.Values, values, start + k);
                    }
                }

                break;
            }

            case StructVector row:
            {
                var fields = new ColumnVector[row.ChildCount];
                try
                {
                    for (var f = 0; f < fields.Length; f++)
                    {
                        fields[f] = Convert(f, row.Child(f), frame.Context);
                    }

                    var target = (StructVectorBuilder)builder;
                    for (var i = 0; i < rows; i++)
                    {
                        if (row.IsNull(i))
                        {
                            target.AppendNull();
                            continue;
                        }

                        target.AppendRow();
                        for (var f = 0; f < fields.Length; f++)
                        {
                            VectorValues.Append(target.Child(f), fields[f], i);
                        }
                    }
                }
                finally
                {
                    foreach (var field in fields)
                    {
                        field?.Dispose();
                    }
                }

                break;
            }
        }

        return builder.Build();
    }

    private ColumnVector Convert(int child, ColumnVector values, EvaluationContext context)
    {
        using var batch = new RecordBatch(Schema.Of(new Field("value", values.DataType)), [values.Retain()], values.Length);
        return _childCasts[child].Evaluate(new Frame(batch, null, values.Length, context));
    }
}
