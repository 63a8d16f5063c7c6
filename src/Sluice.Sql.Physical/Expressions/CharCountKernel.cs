using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CHAR_LENGTH(s) - CHAR_LENGTH(REPLACE(s, c, ''))</c> for one ASCII character <c>c</c> (q14's count of a character):
/// the number of bytes <c>c</c> in each value, counted in one vectorized pass, NULL for NULL. The same number as the
/// formula: <see cref="CharLengthKernel"/> counts the bytes that do not continue a UTF-8 sequence, an ASCII byte is one
/// of them, and <see cref="ReplaceKernel"/> removes exactly the bytes equal to <c>c</c>. No string is copied and a view's
/// values are read in place.
/// </summary>
internal sealed class CharCountKernel(Kernel text, byte character, DataType type) : UnaryKernel(text, type)
{
    private readonly byte _character = character;

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        var result = PrimitiveVector<int>.Allocate(Type, strings.Length);
        var target = result.Values;
        for (var i = 0; i < target.Length; i++)
        {
            target[i] = strings.GetBytes(i).Count(_character);
        }

        NullMasks.Apply(result, strings.NullBitmap);
        return result;
    }
}
