using System.Runtime.Intrinsics.X86;

namespace Sluice.Core.Hashing;

/// <summary>CRC-32C (Castagnoli), the checksum of snapshot files. Uses SSE4.2 where the CPU has it.</summary>
public static class Crc32C
{
    private const uint Polynomial = 0x82F63B78;
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC-32C of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32C over more data.</summary>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var c = ~crc;
        var i = 0;
        if (Sse42.X64.IsSupported)
        {
            ulong c64 = c;
            for (; i + 8 <= data.Length; i += 8)
            {
                c64 = Sse42.X64.Crc32(c64, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(i)));
            }

            c = (uint)c64;
            for (; i < data.Length; i++)
            {
                c = Sse42.Crc32(c, data[i]);
            }

            return ~c;
        }

        for (; i < data.Length; i++)
        {
            c = Table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
        }

        return ~c;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? Polynomial ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
