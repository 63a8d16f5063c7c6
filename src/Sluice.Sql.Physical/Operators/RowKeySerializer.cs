using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators;

/// <summary>Writes a <see cref="RowKey"/> as its length-prefixed bytes. Stateless and thread-safe.</summary>
public sealed class RowKeySerializer : ITypeSerializer<RowKey>
{
    /// <summary>The shared instance.</summary>
    public static RowKeySerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(RowKey value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(value.Bytes.Span);
    }

    /// <inheritdoc />
    public RowKey Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new RowKey(reader.ReadBytes().ToArray());
    }
}
