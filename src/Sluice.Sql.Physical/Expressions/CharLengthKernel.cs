using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CHAR_LENGTH(s)</c>: the number of code points, counted from the UTF-8 lead bytes (the byte count when the whole
/// vector is ASCII, checked in one vectorized pass).
/// </summary>
internal sealed class CharLengthKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        ReadOnlySpan<int> offsets = strings.Offsets;
        ReadOnlySpan<byte> data = strings.Data;
        var result = PrimitiveVector<int>.Allocate(Type, strings.Length);
        var target = result.Values;
        if (Ascii.IsValid(data))
        {
            // One vectorized pass over all values: in ASCII text every byte is a code point.
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = offsets[i + 1] - offsets[i];
            }

            NullMasks.Apply(result, operand.NullBitmap);
            return result;
        }

        for (var i = 0; i < target.Length; i++)
        {
            var count = 0;
            for (var p = offsets[i]; p < offsets[i + 1]; p++)
            {
                count += (data[p] & 0xC0) != 0x80 ? 1 : 0;
            }

            target[i] = count;
        }

        NullMasks.Apply(result, operand.NullBitmap);
        return result;
    }
}
