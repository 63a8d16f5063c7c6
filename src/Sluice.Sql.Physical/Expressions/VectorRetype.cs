using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Gives a vector's values a vector labelled with another type of the same storage, for results whose values need no
/// conversion but whose vector carries another type (a <c>VARCHAR(3)</c> column cast to <c>STRING</c>, a
/// <c>TIMESTAMP(3)</c> cast to <c>TIMESTAMP(6)</c>, a ROW of such fields): batches check that columns have their
/// schema's type.
/// </summary>
internal static class VectorRetype
{
    /// <summary>
    /// <paramref name="operand"/>'s values in a vector of <paramref name="type"/> (same storage): shared, not copied,
    /// for flat vectors and ROWs of them; copied otherwise (ARRAY and MAP children carry their own types).
    /// </summary>
    public static ColumnVector Copy(ColumnVector operand, DataType type)
    {
        if (Relabels(operand.DataType, type))
        {
            return operand.WithType(type);
        }

        var rows = operand.Length;
        switch (operand)
        {
            case PrimitiveVector<int> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<long> v:
                return CopyPrimitive(v, type);
            case PrimitiveVector<Int128> v:
                return CopyPrimitive(v, type);
        }

        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            VectorValues.Append(builder, operand, i);
        }

        return builder.Build();
    }

    /// <summary>True when a vector of <paramref name="from"/> can take <paramref name="to"/> without a copy.</summary>
    private static bool Relabels(DataType from, DataType to)
    {
        if (from.PhysicalType != to.PhysicalType)
        {
            return false;
        }

        switch (from.PhysicalType)
        {
            case PhysicalType.List or PhysicalType.Map:
                return false;
            case PhysicalType.Struct:
                if (from.Fields.Count != to.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < from.Fields.Count; i++)
                {
                    if (!Relabels(from.Fields[i].DataType, to.Fields[i].DataType))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private static PrimitiveVector<T> CopyPrimitive<T>(PrimitiveVector<T> source, DataType type)
        where T : unmanaged
    {
        var result = PrimitiveVector<T>.FromValues(type, source.Values);
        NullMasks.Apply(result, source.NullBitmap);
        return result;
    }
}
