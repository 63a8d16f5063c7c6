using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;

namespace Sluice.DataStream.Operators;

/// <summary>Serializes a window (the namespace of window state and timers) as two fixed 64-bit integers.</summary>
internal sealed class TimeWindowSerializer : ITypeSerializer<TimeWindow>
{
    public static readonly TimeWindowSerializer Instance = new();

    public void Serialize(TimeWindow value, BinaryBufferWriter writer)
    {
        writer.WriteInt64(value.Start);
        writer.WriteInt64(value.End);
    }

    public TimeWindow Deserialize(BinaryBufferReader reader)
    {
        var start = reader.ReadInt64();
        return new TimeWindow(start, reader.ReadInt64());
    }
}
