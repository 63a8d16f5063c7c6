using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>UPPER</c>, <c>LOWER</c> and <c>INITCAP</c>: an all-ASCII vector is copied and mapped in one vectorized pass
/// (<c>UPPER</c>, <c>LOWER</c>); otherwise ASCII values are mapped byte by byte without allocating; other
/// values are decoded and mapped as Java maps them (<see cref="JavaCaseMapping"/>: <c>UPPER('straße')</c> is
/// <c>STRASSE</c>; one string per row). <c>INITCAP</c> is Flink's: only ASCII letters and digits make words (any other
/// character, also a non-ASCII letter, ends one and is kept as it is), so it maps every value byte by byte.
/// </summary>
internal sealed class StringCaseKernel(Kernel operand, StringCaseMode mode, DataType type) : UnaryKernel(operand, type)
{
    private readonly StringCaseMode _mode = mode;
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        using var builder = new BytesVectorBuilder(Type, Math.Max(1, strings.Length));
        if (_mode != StringCaseMode.InitCap && Ascii.IsValid(strings.Data))
        {
            // All ASCII: one copy of the whole vector and one vectorized pass over its bytes.
            var bytes = builder.AppendAll(strings);
            if (_mode == StringCaseMode.Upper)
            {
                Ascii.ToUpperInPlace(bytes, out _);
            }
            else
            {
                Ascii.ToLowerInPlace(bytes, out _);
            }

            return builder.Build();
        }

        for (var i = 0; i < strings.Length; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var bytes = strings.GetBytes(i);
            _buffer.Clear();
            if (_mode == StringCaseMode.InitCap || Ascii.IsValid(bytes))
            {
                var target = _buffer.GetSpan(bytes.Length)[..bytes.Length];
                switch (_mode)
                {
                    case StringCaseMode.Upper:
                        Ascii.ToUpper(bytes, target, out _);
                        break;
                    case StringCaseMode.Lower:
                        Ascii.ToLower(bytes, target, out _);
                        break;
                    default:
                        var wordStart = true;
                        for (var k = 0; k < bytes.Length; k++)
                        {
                            var c = (char)bytes[k];
                            var alphanumeric = char.IsAsciiLetterOrDigit(c);
                            target[k] = (byte)(alphanumeric ? (wordStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)) : c);
                            wordStart = !alphanumeric;
                        }

                        break;
                }

                _buffer.Advance(bytes.Length);
            }
            else
            {
                var text = Encoding.UTF8.GetString(bytes);
                _buffer.Append(_mode switch
                {
                    StringCaseMode.Upper => JavaCaseMapping.ToUpper(text),
                    _ => JavaCaseMapping.ToLower(text),
                });
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }
}
