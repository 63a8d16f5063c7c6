using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Postgres.Types;

/// <summary>
/// Writes the external values of key columns (positions of scan splits) into checkpoints with a type tag each.
/// </summary>
internal static class KeyValueSerializer
{
    public static void Write(BinaryBufferWriter writer, object?[]? values)
    {
        if (values is null)
        {
            writer.WriteVarInt64(-1);
            return;
        }

        writer.WriteVarInt64(values.Length);
        foreach (var value in values)
        {
            switch (value)
            {
                case null:
                    writer.WriteByte(0);
                    break;
                case bool b:
                    writer.WriteByte(1);
                    writer.WriteBoolean(b);
                    break;
                case sbyte or short or int or long:
                    writer.WriteByte(value switch { sbyte => (byte)2, short => (byte)3, int => (byte)4, _ => (byte)5 });
                    writer.WriteVarInt64(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case float f:
                    writer.WriteByte(6);
                    writer.WriteDouble(f);
                    break;
                case double d:
                    writer.WriteByte(7);
                    writer.WriteDouble(d);
                    break;
                case decimal m:
                    writer.WriteByte(8);
                    writer.WriteString(m.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
                case string s:
                    writer.WriteByte(9);
                    writer.WriteString(s);
                    break;
                case byte[] bytes:
                    writer.WriteByte(10);
                    writer.WriteBytes(bytes);
                    break;
                case DateOnly date:
                    writer.WriteByte(11);
                    writer.WriteVarInt64(date.DayNumber);
                    break;
                case TimeOnly time:
                    writer.WriteByte(12);
                    writer.WriteVarInt64(time.Ticks);
                    break;
                case DateTime dateTime:
                    writer.WriteByte(13);
                    writer.WriteVarInt64(dateTime.Ticks);
                    break;
                case DateTimeOffset offset:
                    writer.WriteByte(14);
                    writer.WriteVarInt64(offset.UtcTicks);
                    break;
                case UnscaledDecimal wide:
                    writer.WriteByte(15);
                    writer.WriteInt64((long)(wide.Unscaled >> 64));
                    writer.WriteInt64((long)(ulong)wide.Unscaled);
                    break;
                default:
                    throw new ArgumentException($"A key value of type {value.GetType().Name} cannot be stored in a checkpoint.", nameof(values));
            }
        }
    }

    public static object?[]? Read(BinaryBufferReader reader)
    {
        var count = reader.ReadVarInt64();
        if (count < 0)
        {
            return null;
        }

        if (count > reader.Remaining)
        {
            ThrowHelper.ThrowCorrupt($"A key claims {count} values, more than the data holds.");
        }

        var values = new object?[count];
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        for (var i = 0; i < count; i++)
        {
            var tag = reader.ReadByte();
            values[i] = tag switch
            {
                0 => null,
                1 => reader.ReadBoolean(),
                2 => (sbyte)reader.ReadVarInt64(),
                3 => (short)reader.ReadVarInt64(),
                4 => (int)reader.ReadVarInt64(),
                5 => reader.ReadVarInt64(),
                6 => (float)reader.ReadDouble(),
                7 => reader.ReadDouble(),
                8 => decimal.Parse(reader.ReadString()!, inv),
                9 => reader.ReadString(),
                10 => reader.ReadBytes().ToArray(),
                11 => DateOnly.FromDayNumber((int)reader.ReadVarInt64()),
                12 => new TimeOnly(reader.ReadVarInt64()),
                13 => new DateTime(reader.ReadVarInt64(), DateTimeKind.Unspecified),
                14 => new DateTimeOffset(reader.ReadVarInt64(), TimeSpan.Zero),
                15 => new UnscaledDecimal(((Int128)reader.ReadInt64() << 64) | (ulong)reader.ReadInt64()),
                _ => throw new StateException($"Unknown key value tag {tag} in a postgres split.", ErrorDomain.External),
            };
        }

        return values;
    }
}
