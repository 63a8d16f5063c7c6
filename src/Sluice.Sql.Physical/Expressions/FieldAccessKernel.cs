using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>row.field</c>: the field's child vector, shared; when some rows are NULL, shared under a bitmap that adds them
/// (a NULL row's field is NULL whatever its slot holds), so nothing is copied row by row. Over a column reference it is
/// free like the reference: on a subset of the rows only the field's values are gathered, never the whole ROW.
/// </summary>
internal sealed class FieldAccessKernel(Kernel target, int index, DataType type) : Kernel(type, target)
{
    private readonly Kernel _target = target;
    private readonly int _index = index;

    /// <inheritdoc />
    public override bool IsFree => _target.IsFree;

    /// <inheritdoc />
    public override ColumnVector Evaluate(in Frame frame)
    {
        if (frame.IsWholeBatch || !_target.IsFree)
        {
            using var operand = _target.Evaluate(frame);
            return Field((StructVector)operand);
        }

        var whole = new Frame(frame.Batch, null, frame.Batch.PhysicalRowCount, frame.Context);
        using var rows = _target.Evaluate(whole);
        using var field = Field((StructVector)rows);
        return field.Gather(frame.Rows.AsSpan(0, frame.Count));
    }

    private ColumnVector Field(StructVector row)
    {
        var child = row.Child(_index);
        return row.HasNulls ? child.WithNulls(row.NullBitmap) : child.Retain();
    }
}
