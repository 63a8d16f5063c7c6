using System.Text;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// <c>UPPER</c> / <c>LOWER</c>: ASCII values are mapped byte by byte; other values are decoded and mapped with the
/// invariant culture.
/// </summary>
internal sealed class StringCaseKernel(Kernel operand, bool upper, DataType type) : Kernel(type)
{
    private readonly Kernel _operand = operand;
    private readonly bool _upper = upper;
    private byte[] _scratch = new byte[256];

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        using var vector = _operand.Evaluate(batch);
        var strings = (BytesVector)vector;
        using var builder = new BytesVectorBuilder(Type, strings.Length);
        for (var i = 0; i < strings.Length; i++)
        {
            if (strings.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            var bytes = strings.GetBytes(i);
            if (Ascii.IsValid(bytes))
            {
                if (_scratch.Length < bytes.Length)
                {
                    _scratch = new byte[Math.Max(bytes.Length, 2 * _scratch.Length)];
                }

                var target = _scratch.AsSpan(0, bytes.Length);
                if (_upper)
                {
                    Ascii.ToUpper(bytes, target, out _);
                }
                else
                {
                    Ascii.ToLower(bytes, target, out _);
                }

                builder.Append(target);
            }
            else
            {
                var text = Encoding.UTF8.GetString(bytes);
                builder.Append(_upper ? text.ToUpperInvariant() : text.ToLowerInvariant());
            }
        }

        return builder.Build();
    }
}
