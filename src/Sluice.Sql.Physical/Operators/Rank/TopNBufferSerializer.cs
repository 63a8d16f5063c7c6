using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Writes a <see cref="TopNBuffer"/>: the group count, then per group its sort key and its rows (each as
/// length-prefixed bytes), in order. Stateless and thread-safe.
/// </summary>
internal sealed class TopNBufferSerializer : ITypeSerializer<TopNBuffer>
{
    public static TopNBufferSerializer Instance { get; } = new();

    public void Serialize(TopNBuffer value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt64(value.Groups.Count);
        foreach (var group in value.Groups)
        {
            writer.WriteBytes(group.Key);
            writer.WriteVarInt64(group.Rows.Count);
            foreach (var row in group.Rows)
            {
                writer.WriteBytes(row.Bytes.Span);
            }
        }
    }

    public TopNBuffer Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var buffer = new TopNBuffer();
        var groups = checked((int)reader.ReadVarInt64());
        for (var g = 0; g < groups; g++)
        {
            var group = new SortGroup(reader.ReadBytes().ToArray());
            var rows = checked((int)reader.ReadVarInt64());
            for (var r = 0; r < rows; r++)
            {
                group.Rows.Add(new RowData(reader.ReadBytes().ToArray()));
            }

            buffer.AppendGroup(group);
        }

        return buffer;
    }
}
