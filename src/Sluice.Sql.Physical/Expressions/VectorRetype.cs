using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Copies a vector's values into a vector labelled with another type of the same storage, for results whose values
/// need no conversion but whose vector carries another type (a <c>VARCHAR(3)</c> column cast to <c>STRING</c>, a
/// <c>TIMESTAMP(3)</c> cast to <c>TIMESTAMP(6)</c>): batches check that columns have their schema's type.
/// </summary>
internal static class VectorRetype
{
    /// <summary>A copy of <paramref name="operand"/>'s values in a vector of <paramref name="type"/> (same storage).</summary>
    public static ColumnVector Copy(ColumnVector operand, DataType type)
    {
        var rows = operand.Length;
        switch (operand)
        {
            case PrimitiveVector<int> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<long> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<double> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<float> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<short> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<sbyte> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<Int128> v:
                return CopyPrimitive(v, type);
            case BooleanVector v:
                return NullMasks.NewBoolean(type, rows, v.Bits, v.NullBitmap);
        }

        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            VectorValues.Append(builder, operand, i);
        }

        return builder.Build();
    }

    private static PrimitiveVector<T> CopyPrimitive<T>(PrimitiveVector<T> source, DataType type)
        where T : unmanaged
    {
        var result = PrimitiveVector<T>.FromValues(type, source.Values);
        NullMasks.Apply(result, source.NullBitmap);
        return result;
    }
}
