using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>SPLIT(s, delimiter)</c>, as Flink's: an <c>ARRAY&lt;STRING&gt;</c> of the pieces of <c>s</c> between occurrences
/// of the whole delimiter, keeping empty pieces (a delimiter at either end, or two in a row, gives an empty string);
/// the string itself when the delimiter does not occur; one element per character (code point) when the delimiter is
/// empty; an empty array for an empty string. NULL when either operand is NULL.
/// </summary>
internal sealed class SplitKernel(Kernel text, Kernel delimiter, DataType type) : NaryKernel([text, delimiter], type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var strings = (BytesVector)operands[0];
        var delimiters = (BytesVector)operands[1];
        var nulls = NullMasks.Union(rows, operands);
        using var builder = new ListVectorBuilder(Type, rows);
        var elements = (BytesVectorBuilder)builder.Elements;
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            builder.StartEntry();
            var text = strings.GetBytes(i);
            var delimiter = delimiters.GetBytes(i);
            if (text.IsEmpty)
            {
                continue;
            }

            if (delimiter.IsEmpty)
            {
                for (var p = 0; p < text.Length;)
                {
                    var length = Math.Max(1, Utf8Text.CodePointLength(text, p));
                    elements.Append(text.Slice(p, Math.Min(length, text.Length - p)));
                    p += length;
                }

                continue;
            }

            while (true)
            {
                var at = text.IndexOf(delimiter);
                if (at < 0)
                {
                    elements.Append(text);
                    break;
                }

                elements.Append(text[..at]);
                text = text[(at + delimiter.Length)..];
            }
        }

        return builder.Build();
    }
}
