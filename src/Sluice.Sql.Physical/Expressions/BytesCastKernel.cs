using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Casts between character and binary strings (the bytes stay, as UTF-8) and fits them to the target length as Flink
/// does: <c>CHAR(n)</c>/<c>VARCHAR(n)</c> keep n characters (CHAR pads with spaces), <c>BINARY(n)</c>/<c>VARBINARY(n)</c>
/// keep n bytes (BINARY pads with zero bytes).
/// </summary>
internal sealed class BytesCastKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var source = (BytesVector)operand;
        var length = Type.Length;
        var fit = length < DataTypes.MaxLength;
        var character = Type.PhysicalType == PhysicalType.Utf8;
        var pad = Type.TypeId is TypeId.Char or TypeId.Binary;
        using var builder = new BytesVectorBuilder(Type, source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            if (source.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var bytes = source.GetBytes(i);
            if (!fit)
            {
                builder.Append(bytes);
                continue;
            }

            _buffer.Clear();
            _buffer.Append(bytes);
            if (character)
            {
                Utf8Text.FitLength(_buffer, length, pad);
            }
            else if (_buffer.Length > length)
            {
                _buffer.Truncate(length);
            }
            else if (pad)
            {
                while (_buffer.Length < length)
                {
                    _buffer.Append(0);
                }
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }
}
