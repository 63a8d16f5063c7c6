using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Writes a <see cref="TopNBuffer"/>: the number of tie groups, then per group its sort key, its row count and its
/// rows (each as length-prefixed bytes), in order. This is the form the buffer had when it kept one object per group
/// and per row, so snapshots of either layout read back. Stateless and thread-safe.
/// </summary>
internal sealed class TopNBufferSerializer : ITypeSerializer<TopNBuffer>
{
    public static TopNBufferSerializer Instance { get; } = new();

    public void Serialize(TopNBuffer value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt64(value.GroupCount);
        for (var start = 0; start < value.RowCount;)
        {
            var end = value.GroupEnd(start);
            writer.WriteBytes(value.KeyAt(start));
            writer.WriteVarInt64(end - start);
            for (var i = start; i < end; i++)
            {
                writer.WriteBytes(value.RowAt(i));
            }

            start = end;
        }
    }

    public TopNBuffer Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var groups = checked((int)reader.ReadVarInt64());
        var buffer = new TopNBuffer(Math.Min(groups, 1024));
        for (var g = 0; g < groups; g++)
        {
            var key = reader.ReadBytes().Span;
            var rows = checked((int)reader.ReadVarInt64());
            for (var r = 0; r < rows; r++)
            {
                var row = reader.ReadBytes().Span;
                var data = new byte[key.Length + row.Length];
                key.CopyTo(data);
                row.CopyTo(data.AsSpan(key.Length));
                buffer.Append(data, key.Length);
            }
        }

        return buffer;
    }
}
