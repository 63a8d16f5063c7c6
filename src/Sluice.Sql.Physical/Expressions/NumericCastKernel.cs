using System.Numerics;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>Casts between the integer and floating types (narrowing integers wrap; floating to integer truncates, saturating).</summary>
internal sealed class NumericCastKernel<TFrom, TTo>(Kernel operand, DataType type) : Kernel(type)
    where TFrom : unmanaged, INumber<TFrom>
    where TTo : unmanaged, INumber<TTo>
{
    private readonly Kernel _operand = operand;

    public override ColumnVector Evaluate(RecordBatch batch)
    {
        using var vector = _operand.Evaluate(batch);
        ReadOnlySpan<TFrom> source = ((PrimitiveVector<TFrom>)vector).Values;
        var result = PrimitiveVector<TTo>.Allocate(Type, source.Length);
        var target = result.Values;
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = TTo.CreateTruncating(source[i]);
        }

        NullMasks.Apply(result, vector.NullBitmap);
        return result;
    }
}
