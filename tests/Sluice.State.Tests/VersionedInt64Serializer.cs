using Sluice.Core.Serialization;

namespace Sluice.State.Tests;

/// <summary>An Int64 serializer with a chosen version, to test version checks.</summary>
public sealed class VersionedInt64Serializer(int version) : ITypeSerializer<long>
{
    public int Version => version;

    public void Serialize(long value, BinaryBufferWriter writer) => writer.WriteInt64(value);

    public long Deserialize(BinaryBufferReader reader) => reader.ReadInt64();
}
