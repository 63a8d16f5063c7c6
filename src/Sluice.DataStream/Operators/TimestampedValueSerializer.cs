using Sluice.Core.Serialization;
using Sluice.DataStream.Windowing;

namespace Sluice.DataStream.Operators;

/// <summary>Serializes an element with its event time (the contents of windows with an evictor).</summary>
internal sealed class TimestampedValueSerializer<T>(ITypeSerializer<T> value) : ITypeSerializer<TimestampedValue<T>>
{
    public void Serialize(TimestampedValue<T> item, BinaryBufferWriter writer)
    {
        writer.WriteInt64(item.Timestamp);
        value.Serialize(item.Value, writer);
    }

    public TimestampedValue<T> Deserialize(BinaryBufferReader reader)
    {
        var ts = reader.ReadInt64();
        return new TimestampedValue<T>(value.Deserialize(reader), ts);
    }
}
