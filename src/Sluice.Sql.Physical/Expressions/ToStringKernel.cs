using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>CAST(x AS CHAR/VARCHAR/STRING)</c> from any type, in Flink's text forms (see <see cref="ValueText"/>), then fitted
/// to the target length as Flink 1.15+ does: <c>VARCHAR(n)</c> keeps the first n characters, <c>CHAR(n)</c> also pads
/// with spaces to n. Numbers format straight to UTF-8 without allocating.
/// </summary>
internal sealed class ToStringKernel(Kernel operand, DataType type) : UnaryKernel(operand, type)
{
    private readonly Utf8Buffer _buffer = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector operand)
    {
        var rows = frame.Count;
        var context = frame.Context;
        var length = Type.Length;
        var fit = length < DataTypes.MaxLength;
        var pad = Type.TypeId == TypeId.Char;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (operand.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            _buffer.Clear();
            ValueText.Write(_buffer, operand, i, context, OperandType);
            if (fit)
            {
                Utf8Text.FitLength(_buffer, length, pad);
            }

            builder.Append(_buffer.Span);
        }

        return builder.Build();
    }
}
