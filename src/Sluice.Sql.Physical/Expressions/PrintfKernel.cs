using System.Text;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>PRINTF(format, arg...)</c>: Java's format strings (see <see cref="JavaFormat"/>); NULL when the format is NULL or
/// invalid; a NULL argument formats as "null" (<c>%b</c>: false); <c>%s</c> of a non-string value is its
/// <c>CAST(... AS STRING)</c> text.
/// </summary>
internal sealed class PrintfKernel(Kernel[] operands, DataType type) : NaryKernel(operands, type)
{
    private readonly Utf8Buffer _text = new();

    protected override ColumnVector Compute(in Frame frame, ColumnVector[] operands)
    {
        var rows = frame.Count;
        var context = frame.Context;
        var formats = (BytesVector)operands[0];
        var count = operands.Length - 1;
        using var builder = new BytesVectorBuilder(Type, rows);
        for (var i = 0; i < rows; i++)
        {
            if (formats.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var row = i;
            var result = JavaFormat.Format(
                Encoding.UTF8.GetString(formats.GetBytes(i)),
                count,
                k => operands[k + 1].IsNull(row) ? null : operands[k + 1].GetValue(row),
                k =>
                {
                    _text.Clear();
                    ValueText.Write(_text, operands[k + 1], row, context);
                    return Encoding.UTF8.GetString(_text.Span);
                });
            builder.Append(result);
        }

        return builder.Build();
    }
}
