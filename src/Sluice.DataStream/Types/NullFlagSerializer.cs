using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>Writes a flag before a reference value, so that null round-trips.</summary>
/// <typeparam name="T">The reference type.</typeparam>
internal sealed class NullFlagSerializer<T>(ITypeSerializer<T> inner) : ITypeSerializer<T?>
    where T : class
{
    public void Serialize(T? value, BinaryBufferWriter writer)
    {
        writer.WriteBoolean(value is not null);
        if (value is not null)
        {
            inner.Serialize(value, writer);
        }
    }

    public T? Deserialize(BinaryBufferReader reader) => reader.ReadBoolean() ? inner.Deserialize(reader) : null;
}
