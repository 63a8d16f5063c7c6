using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>Writes a <see cref="PausingFileSplit"/> into checkpoints: the path and the record position.</summary>
internal sealed class PausingFileSplitSerializer : ITypeSerializer<PausingFileSplit>
{
    /// <summary>The one instance.</summary>
    public static PausingFileSplitSerializer Instance { get; } = new();

    /// <inheritdoc />
    public void Serialize(PausingFileSplit value, BinaryBufferWriter writer)
    {
        writer.WriteString(value.Path);
        writer.WriteVarInt64(value.Position);
    }

    /// <inheritdoc />
    public PausingFileSplit Deserialize(BinaryBufferReader reader) =>
        new(reader.ReadString() ?? throw new InvalidDataException("A pausing-file split without a path."), checked((int)reader.ReadVarInt64()));
}
