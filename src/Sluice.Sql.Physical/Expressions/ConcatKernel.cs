using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary><c>CONCAT(a, b, ...)</c> and <c>a || b</c> (strings or binaries): the operands' bytes back to back; NULL when any is NULL.</summary>
internal sealed class ConcatKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var nulls = NullMasks.Union(rows, operands);
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (NullMasks.Get(nulls, i))
            {
                builder.AppendNull();
                continue;
            }

            _buffer.Clear();
            foreach (var vector in operands)
            {
                _buffer.Append(((BytesVector)vector).GetBytes(i));
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }
}
