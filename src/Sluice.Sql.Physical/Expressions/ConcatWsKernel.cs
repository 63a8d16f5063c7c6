using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CONCAT_WS(separator, s1, s2, ...)</c>: the non-null strings joined by the separator; NULL only when the
/// separator is NULL (Flink skips NULL arguments).
/// </summary>
internal sealed class ConcatWsKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var separators = (BytesVector)operands[0];
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (separators.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            _buffer.Clear();
            var first = true;
            for (var k = 1; k < operands.Length; k++)
            {
                if (operands[k].IsNull(i))
                {
                    continue;
                }

                if (!first)
                {
                    _buffer.Append(separators.GetBytes(i));
                }

                first = false;
                _buffer.Append(((BytesVector)operands[k]).GetBytes(i));
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }
}
