using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators;

/// <summary>Writes a <see cref="RowData"/> as its length-prefixed bytes. Stateless and thread-safe.</summary>
public sealed class RowDataSerializer : ITypeSerializer<RowData>
{
    /// <summary>The shared instance.</summary>
    public static RowDataSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(RowData value, BinaryBufferWriter writer)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(value.Bytes.Span);
    }

    /// <inheritdoc />
    public RowData Deserialize(BinaryBufferReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new RowData(reader.ReadBytes().ToArray());
    }
}
