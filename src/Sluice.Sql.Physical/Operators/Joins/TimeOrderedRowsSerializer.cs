using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Writes <see cref="TimeOrderedRows"/> as <see cref="JoinRowsSerializer"/> writes their entries (the bound of the newest time is
/// not written); reads them back into the layout it was made for and takes the bound from the entries.
/// </summary>
internal sealed class TimeOrderedRowsSerializer(JoinRowsLayout layout) : ITypeSerializer<TimeOrderedRows>
{
    private readonly JoinRowsSerializer _rows = new(layout);

    /// <inheritdoc />
    public void Serialize(TimeOrderedRows value, BinaryBufferWriter writer) => _rows.Serialize(value.Rows, writer);

    /// <inheritdoc />
    public TimeOrderedRows Deserialize(BinaryBufferReader reader)
    {
        var rows = _rows.Deserialize(reader);
        var layout = _rows.Layout;
        var newest = long.MinValue;
        for (var entry = rows.Offset; entry < rows.End; entry = layout.Next(rows.Buffer!, entry))
        {
            newest = Math.Max(newest, layout.Timestamp(rows.Buffer!, entry));
        }

        return new TimeOrderedRows(rows, newest);
    }
}
