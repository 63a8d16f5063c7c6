using Sluice.Core.Serialization;

namespace Sluice.DataStream.Types;

/// <summary>Serializers for the primitive types that <see cref="Serializers"/> does not cover.</summary>
internal static class PrimitiveSerializers
{
    public static ITypeSerializer<float> Single { get; } = new Codec<float>((v, w) => w.WriteInt32(BitConverter.SingleToInt32Bits(v)), r => BitConverter.Int32BitsToSingle(r.ReadInt32()));

    public static ITypeSerializer<short> Int16 { get; } = new Codec<short>((v, w) => w.WriteVarInt64(v), r => checked((short)r.ReadVarInt64()));

    public static ITypeSerializer<byte> Byte { get; } = new Codec<byte>((v, w) => w.WriteByte(v), r => r.ReadByte());

    public static ITypeSerializer<char> Char { get; } = new Codec<char>((v, w) => w.WriteVarUInt64(v), r => checked((char)r.ReadVarUInt64()));

    public static ITypeSerializer<decimal> Decimal { get; } = new Codec<decimal>(WriteDecimal, ReadDecimal);

    public static ITypeSerializer<Guid> Guid { get; } = new Codec<Guid>(WriteGuid, r => new Guid(r.ReadRaw(16)));

    public static ITypeSerializer<DateTime> DateTime { get; } = new Codec<DateTime>((v, w) => w.WriteInt64(v.ToBinary()), r => System.DateTime.FromBinary(r.ReadInt64()));

    public static ITypeSerializer<DateTimeOffset> DateTimeOffset { get; } = new Codec<DateTimeOffset>(
        (v, w) => { w.WriteInt64(v.Ticks); w.WriteVarInt64((long)v.Offset.TotalMinutes); },
        r => new DateTimeOffset(r.ReadInt64(), System.TimeSpan.FromMinutes(r.ReadVarInt64())));

    public static ITypeSerializer<TimeSpan> TimeSpan { get; } = new Codec<TimeSpan>((v, w) => w.WriteVarInt64(v.Ticks), r => new TimeSpan(r.ReadVarInt64()));

    public static ITypeSerializer<DateOnly> DateOnly { get; } = new Codec<DateOnly>((v, w) => w.WriteVarInt64(v.DayNumber), r => System.DateOnly.FromDayNumber(checked((int)r.ReadVarInt64())));

    private static void WriteDecimal(decimal value, BinaryBufferWriter writer)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        foreach (var b in bits)
        {
            writer.WriteInt32(b);
        }
    }

    private static decimal ReadDecimal(BinaryBufferReader reader)
    {
        Span<int> bits = [reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()];
        return new decimal(bits);
    }

    private static void WriteGuid(Guid value, BinaryBufferWriter writer)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        writer.WriteRaw(bytes);
    }

    private sealed class Codec<T>(Action<T, BinaryBufferWriter> write, Func<BinaryBufferReader, T> read) : ITypeSerializer<T>
    {
        public void Serialize(T value, BinaryBufferWriter writer) => write(value, writer);

        public T Deserialize(BinaryBufferReader reader) => read(reader);
    }
}
