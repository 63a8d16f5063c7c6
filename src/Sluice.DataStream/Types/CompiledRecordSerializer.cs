using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>A record serializer made of two compiled delegates (see <see cref="RecordSerializerFactory"/>).</summary>
/// <typeparam name="T">The record type.</typeparam>
internal sealed class CompiledRecordSerializer<T>(Action<T, BinaryBufferWriter> write, Func<BinaryBufferReader, T> read) : ITypeSerializer<T>
{
    public void Serialize(T value, BinaryBufferWriter writer) => write(value, writer);

    public T Deserialize(BinaryBufferReader reader) => read(reader);
}
