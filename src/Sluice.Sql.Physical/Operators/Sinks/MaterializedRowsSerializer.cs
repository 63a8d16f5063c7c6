using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Sinks;

/// <summary>
/// Writes the rows alive for one sink primary key (<see cref="MaterializedRow"/>s in arrival order): a var-int count,
/// then per row its bytes and, behind a flag byte, its upsert-key bytes. Stateless and thread-safe.
/// </summary>
internal sealed class MaterializedRowsSerializer : ITypeSerializer<List<MaterializedRow>>
{
    /// <summary>The shared instance.</summary>
    public static MaterializedRowsSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(List<MaterializedRow> value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt64(value.Count);
        foreach (var row in value)
        {
            writer.WriteBytes(row.Row.Bytes.Span);
            writer.WriteBoolean(row.UpsertKey is not null);
            if (row.UpsertKey is not null)
            {
                writer.WriteBytes(row.UpsertKey.Bytes.Span);
            }
        }
    }

    /// <inheritdoc />
    public List<MaterializedRow> Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = checked((int)reader.ReadVarInt64());
        var rows = new List<MaterializedRow>(count);
        for (var i = 0; i < count; i++)
        {
            var row = new RowData(reader.ReadBytes().ToArray());
            var key = reader.ReadBoolean() ? new RowKey(reader.ReadBytes().ToArray()) : null;
            rows.Add(new MaterializedRow(row, key));
        }

        return rows;
    }
}
