using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>row.field</c>: the field's child vector, shared when no row is NULL, otherwise copied with NULL for the NULL rows
/// (a NULL row's field is NULL whatever its slot holds).
/// </summary>
internal sealed class FieldAccessKernel(Kernel target, int index, DataType type) : UnaryKernel(target, type)
{
    private readonly int _index = index;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var row = (StructVector)operand;
        var child = row.Child(_index);
        if (!row.HasNulls)
        {
            return child.Retain();
        }

        using var builder = ColumnVectorBuilder.Create(child.DataType, Math.Max(1, frame.Count));
        for (var i = 0; i < frame.Count; i++)
        {
            if (row.IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                VectorValues.Append(builder, child, i);
            }
        }

        return builder.Build();
    }
}
