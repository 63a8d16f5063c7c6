using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CHAR_LENGTH(s)</c>: the number of code points, counted from the UTF-8 lead bytes (the byte count when the whole
/// vector is ASCII, checked in one vectorized pass; a view's values are checked one by one, not copied).
/// </summary>
internal sealed class CharLengthKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var strings = (BytesVector)operand;
        if (strings.IsView)
        {
            return ComputeOverView(strings);
        }

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

    /// <summary>The lengths of a view's values, value by value (ASCII ones by their byte count), without copying them.</summary>
    private PrimitiveVector<int> ComputeOverView(BytesVector strings)
    {
        var result = PrimitiveVector<int>.Allocate(Type, strings.Length);
        var target = result.Values;
        for (var i = 0; i < target.Length; i++)
        {
            var value = strings.GetBytes(i);
            if (Ascii.IsValid(value))
            {
                target[i] = value.Length;
                continue;
            }

            var count = 0;
            foreach (var b in value)
            {
                count += (b & 0xC0) != 0x80 ? 1 : 0;
            }

            target[i] = count;
        }

        NullMasks.Apply(result, strings.NullBitmap);
        return result;
    }
}
