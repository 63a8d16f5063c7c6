using System.Text;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>ENCODE(s, charset)</c> (a string to the bytes of a character set) and <c>DECODE(b, charset)</c> (bytes of a
/// character set to a string), with Flink's character sets: <c>US-ASCII</c>, <c>ISO-8859-1</c>, <c>UTF-8</c>,
/// <c>UTF-16BE</c>, <c>UTF-16LE</c> and <c>UTF-16</c> (names case-insensitive). As Java's: a character the set cannot
/// hold encodes as <c>?</c>; bytes that are not valid in the set decode as U+FFFD; <c>UTF-16</c> encodes big-endian
/// with a byte-order mark, and decodes by the byte-order mark when there is one (big-endian otherwise). NULL when
/// either operand is NULL; another character set name is an error (<see cref="ErrorDomain.User"/>).
/// </summary>
internal sealed class CharsetKernel(Kernel value, Kernel charset, bool encode, DataType type) : NaryKernel([value, charset], type)
{
    private static readonly string[] Names = ["US-ASCII", "ISO-8859-1", "UTF-8", "UTF-16BE", "UTF-16LE", "UTF-16"];

    private readonly bool _encode = encode;

    protected override bool SelfMayFail => true;

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var values = (BytesVector)operands[0];
        var charsets = (BytesVector)operands[1];
        var nulls = NullMasks.Union(rows, operands);
        using var builder = new BytesVectorBuilder(Type, rows);
        byte[]? lastName = null;
        var index = -1;
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            var nameBytes = charsets.GetBytes(i);
            if (lastName is null || !nameBytes.SequenceEqual(lastName))
            {
                lastName = nameBytes.ToArray();
                var name = Encoding.UTF8.GetString(nameBytes).Trim();
                index = Array.FindIndex(Names, n => n.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    throw new SluiceException(
                        $"{(_encode ? "ENCODE" : "DECODE")} does not know the character set '{name}'; use one of {string.Join(", ", Names.Select(n => $"'{n}'"))}.",
                        ErrorDomain.User);
                }
            }

            var bytes = values.GetBytes(i);
            if (_encode)
            {
                builder.Append(Encode(Encoding.UTF8.GetString(bytes), index));
            }
            else
            {
                builder.Append(Encoding.UTF8.GetBytes(Decode(bytes, index)));
            }
        }

        return builder.Build();
    }

    private static Encoding EncodingOf(int index) => index switch
    {
        0 => Encoding.ASCII,
        1 => Encoding.Latin1,
        2 => Encoding.UTF8,
        3 or 5 => Encoding.BigEndianUnicode,
        _ => Encoding.Unicode,
    };

    private static byte[] Encode(string text, int index)
    {
        var bytes = EncodingOf(index).GetBytes(text);
        if (index != 5 || text.Length == 0)
        {
            return bytes;
        }

        // Java's UTF-16 encoder writes a big-endian byte-order mark first.
        var marked = new byte[bytes.Length + 2];
        marked[0] = 0xFE;
        marked[1] = 0xFF;
        bytes.CopyTo(marked, 2);
        return marked;
    }

    private static string Decode(ReadOnlySpan<byte> bytes, int index)
    {
        if (index == 5 && bytes.Length >= 2)
        {
            if (bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                return Encoding.BigEndianUnicode.GetString(bytes[2..]);
            }

            if (bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                return Encoding.Unicode.GetString(bytes[2..]);
            }
        }

        if (index == 0)
        {
            // Java decodes bytes above 0x7F of US-ASCII as U+FFFD (.NET's ASCII decoder gives '?').
            var chars = new char[bytes.Length];
            for (var k = 0; k < bytes.Length; k++)
            {
                chars[k] = bytes[k] < 0x80 ? (char)bytes[k] : '\uFFFD';
            }

            return new string(chars);
        }

        return EncodingOf(index).GetString(bytes);
    }
}
