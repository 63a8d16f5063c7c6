using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CAST(s AS BOOLEAN)</c> as Flink: <c>true</c>, <c>t</c>, <c>yes</c>, <c>y</c>, <c>1</c> are TRUE and
/// <c>false</c>, <c>f</c>, <c>no</c>, <c>n</c>, <c>0</c> FALSE, ignoring case and surrounding whitespace; anything
/// else is an error (NULL for <c>TRY_CAST</c>).
/// </summary>
internal sealed class StringToBooleanKernel(Kernel operand, bool isTry, DataType type) : UnaryKernel(operand, type)
{
    private readonly bool _isTry = isTry;

    protected override bool SelfMayFail => !_isTry;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var result = BooleanVector.Allocate(Type, frame.Count);
        Span<byte> lower = stackalloc byte[8];
        for (var i = 0; i < frame.Count; i++)
        {
            if (strings.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var text = TemporalText.Trim(strings.GetBytes(i));
            bool? value = null;
            if (text.Length <= lower.Length)
            {
                System.Text.Ascii.ToLower(text, lower, out var written);
                var word = lower[..written];
                if (word.SequenceEqual("true"u8) || word.SequenceEqual("t"u8) || word.SequenceEqual("yes"u8) || word.SequenceEqual("y"u8)
                    || word.SequenceEqual("1"u8))
                {
                    value = true;
                }
                else if (word.SequenceEqual("false"u8) || word.SequenceEqual("f"u8) || word.SequenceEqual("no"u8) || word.SequenceEqual("n"u8)
                         || word.SequenceEqual("0"u8))
                {
                    value = false;
                }
            }

            if (value is { } known)
            {
                result.Set(i, known);
            }
            else if (_isTry)
            {
                result.SetNull(i);
            }
            else
            {
                throw CastErrors.Invalid(strings.GetBytes(i), Type);
            }
        }

        return result;
    }
}
