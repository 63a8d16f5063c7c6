using Sluice.Core.Serialization;

namespace Sluice.Sql.Physical.Operators;

/// <summary>Writes a <see cref="GroupAccumulator"/>, self-describing (it needs no aggregate calls). Stateless.</summary>
internal sealed class GroupAccumulatorSerializer : ITypeSerializer<GroupAccumulator>
{
    public static GroupAccumulatorSerializer Instance { get; } = new();

    public void Serialize(GroupAccumulator value, BinaryBufferWriter writer)
    {
        writer.WriteVarInt64(value.RowCount);
        var calls = value.Counts.Length;
        writer.WriteVarInt64(calls);
        for (var i = 0; i < calls; i++)
        {
            writer.WriteVarInt64(value.Counts[i]);
            WriteDecimal(value.ExactSums[i], writer);
            writer.WriteDouble(value.FloatSums[i]);
            var exact = value.ExactValues[i];
            writer.WriteVarInt64(exact is null ? -1 : exact.Count);
            if (exact is not null)
            {
                foreach (var (v, count) in exact)
                {
                    WriteDecimal(v, writer);
                    writer.WriteVarInt64(count);
                }
            }

            var floating = value.FloatValues[i];
            writer.WriteVarInt64(floating is null ? -1 : floating.Count);
            if (floating is not null)
            {
                foreach (var (v, count) in floating)
                {
                    writer.WriteDouble(v);
                    writer.WriteVarInt64(count);
                }
            }
        }
    }

    public GroupAccumulator Deserialize(BinaryBufferReader reader)
    {
        var rowCount = reader.ReadVarInt64();
        var calls = checked((int)reader.ReadVarInt64());
        var acc = new GroupAccumulator(calls) { RowCount = rowCount };
        for (var i = 0; i < calls; i++)
        {
            acc.Counts[i] = reader.ReadVarInt64();
            acc.ExactSums[i] = ReadDecimal(reader);
            acc.FloatSums[i] = reader.ReadDouble();
            var exactCount = reader.ReadVarInt64();
            if (exactCount >= 0)
            {
                var map = new SortedDictionary<decimal, long>();
                for (var e = 0; e < exactCount; e++)
                {
                    map[ReadDecimal(reader)] = reader.ReadVarInt64();
                }

                acc.ExactValues[i] = map;
            }

            var floatCount = reader.ReadVarInt64();
            if (floatCount >= 0)
            {
                var map = new SortedDictionary<double, long>();
                for (var e = 0; e < floatCount; e++)
                {
                    map[reader.ReadDouble()] = reader.ReadVarInt64();
                }

                acc.FloatValues[i] = map;
            }
        }

        return acc;
    }

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
}
