using System.Globalization;
using System.Numerics;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts strings to integers or floating numbers as Flink does: surrounding whitespace is ignored; an integer may
/// have a fraction, which is truncated (<c>CAST('1.9' AS INT)</c> is 1); a number out of the type's range or a string
/// that is not a number is an error naming the value, or NULL for <c>TRY_CAST</c>.
/// </summary>
internal sealed class StringToNumberKernel<T>(Kernel operand, bool isTry, DataType type) : UnaryKernel(operand, type)
    where T : unmanaged, INumber<T>, IMinMaxValue<T>
{
    private static readonly bool IsFloating = typeof(T) == typeof(double) || typeof(T) == typeof(float);

    private readonly bool _isTry = isTry;

    protected override bool SelfMayFail => !_isTry;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var result = PrimitiveVector<T>.Allocate(Type, strings.Length);
        var target = result.Values;
        for (var i = 0; i < target.Length; i++)
        {
            if (strings.IsNull(i))
            {
                result.SetNull(i);
                continue;
            }

            var text = strings.GetBytes(i).Trim(" \t\r\n"u8);
            if (TryParse(text, out var value))
            {
                target[i] = value;
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

    private static bool TryParse(ReadOnlySpan<byte> text, out T value)
    {
        if (IsFloating)
        {
            return T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = T.Zero;
        if (text.IsEmpty)
        {
            return false;
        }

        var position = 0;
        var negative = false;
        if (text[0] is (byte)'+' or (byte)'-')
        {
            negative = text[0] == '-';
            position++;
        }

        if (position >= text.Length)
        {
            return false;
        }

        Int128 magnitude = 0;
        var digits = 0;
        for (; position < text.Length && text[position] is >= (byte)'0' and <= (byte)'9'; position++)
        {
            magnitude = (magnitude * 10) + (text[position] - '0');
            if (magnitude > ulong.MaxValue)
            {
                return false;
            }

            digits++;
        }

        if (position < text.Length)
        {
            if (text[position] != '.')
            {
                return false;
            }

            for (position++; position < text.Length; position++)
            {
                if (text[position] is < (byte)'0' or > (byte)'9')
                {
                    return false;
                }

                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed < long.CreateTruncating(T.MinValue) || signed > long.CreateTruncating(T.MaxValue))
        {
            return false;
        }

        value = T.CreateTruncating((long)signed);
        return true;
    }
}
