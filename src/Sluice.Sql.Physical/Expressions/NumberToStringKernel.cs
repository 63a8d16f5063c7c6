using System.Globalization;
using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Casts numbers to strings, formatted straight to UTF-8 with the invariant culture.</summary>
internal sealed class NumberToStringKernel<T>(Kernel operand, DataType type) : Kernel(type)
    where T : unmanaged, INumber<T>
{
    private readonly Kernel _operand = operand;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        using var vector = _operand.Evaluate(batch);
        ReadOnlySpan<T> source = ((PrimitiveVector<T>)vector).Values;
        using var builder = new BytesVectorBuilder(Type, source.Length);
        Span<byte> buffer = stackalloc byte[64];
        for (var i = 0; i < source.Length; i++)
        {
            if (vector.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }

            source[i].TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture);
            builder.Append(buffer[..written]);
        }

        return builder.Build();
    }
}
