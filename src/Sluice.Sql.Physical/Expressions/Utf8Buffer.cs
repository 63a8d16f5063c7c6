using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// A growable scratch buffer of UTF-8 bytes that a kernel reuses for every row (so building a value does not
/// allocate once the buffer has grown). Not thread-safe; owned by one kernel.
/// </summary>
internal sealed class Utf8Buffer
{
    private byte[] _bytes = new byte[128];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => _bytes.AsSpan(0, Length);

    public void Clear() => Length = 0;

    public void Append(byte value)
    {
        Ensure(1);
        _bytes[Length++] = value;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_bytes.AsSpan(Length));
        Length += value.Length;
    }

    /// <summary>Appends text (UTF-8 encoded).</summary>
    public void Append(string value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
    }

    /// <summary>Appends characters (UTF-8 encoded).</summary>
    public void Append(ReadOnlySpan<char> value)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        Length += Encoding.UTF8.GetBytes(value, _bytes.AsSpan(Length));
    }

    /// <summary>Appends one code point as UTF-8.</summary>
    public void AppendCodePoint(int codePoint)
    {
        Ensure(4);
        if (!Rune.TryCreate(codePoint, out var rune))
        {
            rune = Rune.ReplacementChar;
        }

        Length += rune.EncodeToUtf8(_bytes.AsSpan(Length));
    }

    /// <summary>Appends an integer in decimal, zero-padded to at least <paramref name="minDigits"/> digits (after the sign).</summary>
    public void AppendInteger(long value, int minDigits = 1)
    {
        Ensure(24 + minDigits);
        if (value < 0)
        {
            _bytes[Length++] = (byte)'-';
            if (value == long.MinValue)
            {
                Append("9223372036854775808"u8);
                return;
            }

            value = -value;
        }

        Utf8Formatter.TryFormat(value, _bytes.AsSpan(Length), out var written, new StandardFormat('D', (byte)Math.Min(99, minDigits)));
        Length += written;
    }

    /// <summary>A writable span of <paramref name="count"/> bytes at the end; call <see cref="Advance"/> with what was written.</summary>
    public Span<byte> GetSpan(int count)
    {
        Ensure(count);
        return _bytes.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    /// <summary>Cuts the buffer to its first <paramref name="length"/> bytes.</summary>
    public void Truncate(int length) => Length = Math.Min(Length, length);

    private void Ensure(int extra)
    {
        if (_bytes.Length - Length < extra)
        {
            Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max((long)_bytes.Length * 2, (long)Length + extra)));
        }
    }
}
