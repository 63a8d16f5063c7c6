using System.Buffers.Binary;
using System.Text;
using Sluice.Core.Errors;

namespace Sluice.Core.Serialization;

/// <summary>
/// Reads what <see cref="BinaryBufferWriter"/> wrote. Reading past the end throws a <see cref="StateException"/>
/// (corrupt or truncated data), never an index error. Not thread-safe.
/// </summary>
public sealed class BinaryBufferReader
{
    private readonly ReadOnlyMemory<byte> _data;
    private int _position;

    /// <summary>Creates a reader over <paramref name="data"/>.</summary>
    public BinaryBufferReader(ReadOnlyMemory<byte> data)
    {
        _data = data;
    }

    /// <summary>The current read position.</summary>
    public int Position
    {
        get => _position;
        set => _position = value;
    }

    /// <summary>The number of bytes not yet read.</summary>
    public int Remaining => _data.Length - _position;

    /// <summary>True when every byte was read.</summary>
    public bool IsAtEnd => _position >= _data.Length;

    /// <summary>Reads one byte.</summary>
    public byte ReadByte() => Take(1)[0];

    /// <summary>Reads a boolean.</summary>
    public bool ReadBoolean() => ReadByte() != 0;

    /// <summary>Reads a 32-bit integer.</summary>
    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    /// <summary>Reads a 64-bit integer.</summary>
    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    /// <summary>Reads a double.</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Reads an unsigned variable-length integer.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        var shift = 0;
        while (true)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }

            shift += 7;
            if (shift > 63)
            {
                ThrowHelper.ThrowCorrupt("Malformed variable-length integer.");
            }
        }
    }

    /// <summary>Reads a zig-zag encoded signed variable-length integer.</summary>
    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a length-prefixed byte sequence (a slice of the underlying data, not a copy).</summary>
    public ReadOnlyMemory<byte> ReadBytes()
    {
        var length = ReadLength();
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (a slice, not a copy).</summary>
    public ReadOnlySpan<byte> ReadRaw(int count) => Take(count);

    /// <summary>Reads a string written by <see cref="BinaryBufferWriter.WriteString"/>.</summary>
    public string? ReadString()
    {
        var marker = ReadVarUInt64();
        if (marker == 0)
        {
            return null;
        }

        var count = checked((int)(marker - 1));
        return Encoding.UTF8.GetString(Take(count));
    }

    private int ReadLength()
    {
        var length = ReadVarUInt64();
        if (length > (ulong)Remaining)
        {
            ThrowHelper.ThrowCorrupt($"Length {length} at position {_position} runs past the end of the data ({_data.Length} bytes).");
        }

        return (int)length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            ThrowHelper.ThrowCorrupt($"Unexpected end of data: needed {count} bytes at position {_position} of {_data.Length}.");
        }

        var span = _data.Span.Slice(_position, count);
        _position += count;
        return span;
    }
}
