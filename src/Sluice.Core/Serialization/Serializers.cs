namespace Sluice.Core.Serialization;

/// <summary>The built-in serializers for common types.</summary>
public static class Serializers
{
    /// <summary>32-bit integers.</summary>
    public static ITypeSerializer<int> Int32 { get; } = new Int32Serializer();

    /// <summary>64-bit integers.</summary>
    public static ITypeSerializer<long> Int64 { get; } = new Int64Serializer();

    /// <summary>Doubles.</summary>
    public static ITypeSerializer<double> Double { get; } = new DoubleSerializer();

    /// <summary>Booleans.</summary>
    public static ITypeSerializer<bool> Boolean { get; } = new BooleanSerializer();

    /// <summary>Strings (UTF-8), null allowed.</summary>
    public static ITypeSerializer<string> String { get; } = new StringSerializer();

    /// <summary>Byte arrays.</summary>
    public static ITypeSerializer<byte[]> Bytes { get; } = new BytesSerializer();

    /// <summary>A list of values.</summary>
    public static ITypeSerializer<List<T>> ListOf<T>(ITypeSerializer<T> element) => new ListSerializer<T>(element);

    /// <summary>A pair of values.</summary>
    public static ITypeSerializer<(T1, T2)> Tuple<T1, T2>(ITypeSerializer<T1> first, ITypeSerializer<T2> second) =>
        new TupleSerializer<T1, T2>(first, second);

    private sealed class Int32Serializer : ITypeSerializer<int>
    {
        public void Serialize(int value, BinaryBufferWriter writer) => writer.WriteVarInt64(value);

        public int Deserialize(BinaryBufferReader reader) => checked((int)reader.ReadVarInt64());
    }

    private sealed class Int64Serializer : ITypeSerializer<long>
    {
        public void Serialize(long value, BinaryBufferWriter writer) => writer.WriteVarInt64(value);

        public long Deserialize(BinaryBufferReader reader) => reader.ReadVarInt64();
    }

    private sealed class DoubleSerializer : ITypeSerializer<double>
    {
        public void Serialize(double value, BinaryBufferWriter writer) => writer.WriteDouble(value);

        public double Deserialize(BinaryBufferReader reader) => reader.ReadDouble();
    }

    private sealed class BooleanSerializer : ITypeSerializer<bool>
    {
        public void Serialize(bool value, BinaryBufferWriter writer) => writer.WriteBoolean(value);

        public bool Deserialize(BinaryBufferReader reader) => reader.ReadBoolean();
    }

    private sealed class StringSerializer : ITypeSerializer<string>
    {
        public void Serialize(string value, BinaryBufferWriter writer) => writer.WriteString(value);

        public string Deserialize(BinaryBufferReader reader) => reader.ReadString()!;
    }

    private sealed class BytesSerializer : ITypeSerializer<byte[]>
    {
        public void Serialize(byte[] value, BinaryBufferWriter writer) => writer.WriteBytes(value);

        public byte[] Deserialize(BinaryBufferReader reader) => reader.ReadBytes().ToArray();
    }

    private sealed class ListSerializer<T>(ITypeSerializer<T> element) : ITypeSerializer<List<T>>
    {
        public void Serialize(List<T> value, BinaryBufferWriter writer)
        {
            writer.WriteVarUInt64((ulong)value.Count);
            foreach (var item in value)
            {
                element.Serialize(item, writer);
            }
        }

        public List<T> Deserialize(BinaryBufferReader reader)
        {
            var count = checked((int)reader.ReadVarUInt64());
            var list = new List<T>(Math.Min(count, 1 << 16));
            for (var i = 0; i < count; i++)
            {
                list.Add(element.Deserialize(reader));
            }

            return list;
        }
    }

    private sealed class TupleSerializer<T1, T2>(ITypeSerializer<T1> first, ITypeSerializer<T2> second) : ITypeSerializer<(T1, T2)>
    {
        public void Serialize((T1, T2) value, BinaryBufferWriter writer)
        {
            first.Serialize(value.Item1, writer);
            second.Serialize(value.Item2, writer);
        }

        public (T1, T2) Deserialize(BinaryBufferReader reader) => (first.Deserialize(reader), second.Deserialize(reader));
    }
}
