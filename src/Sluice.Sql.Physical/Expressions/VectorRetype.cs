using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Gives a vector's values a vector labelled with another type of the same storage, for results whose values need no
/// conversion but whose vector carries another type (a <c>VARCHAR(3)</c> column cast to <c>STRING</c>, a
/// <c>TIMESTAMP(3)</c> cast to <c>TIMESTAMP(6)</c>, a ROW of such fields): batches check that columns have their
/// schema's type. Timestamps crossing precision 6 change their unit (microseconds, nanoseconds) and are converted.
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
            case PrimitiveVector<long> v when !TimestampUnit.SameUnit(v.DataType, type):
                return ConvertTimestamps(v, type);
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
                return TimestampUnit.SameUnit(from, to);
        }
    }

    /// <summary>
    /// Timestamps of microseconds as nanoseconds or the other way round (precision 0..6 against 7..9): floored into
    /// microseconds, checked into nanoseconds.
    /// </summary>
    private static PrimitiveVector<long> ConvertTimestamps(PrimitiveVector<long> source, DataType type)
    {
        var result = PrimitiveVector<long>.Allocate(type, source.Length);
        var target = result.Values;
        ReadOnlySpan<long> values = source.Values;
        for (var i = 0; i < values.Length; i++)
        {
            target[i] = source.IsNull(i) ? 0 : TimestampUnit.Convert(values[i], source.DataType, type);
        }

        NullMasks.Apply(result, source.NullBitmap);
        return result;
    }

    private static PrimitiveVector<T> CopyPrimitive<T>(PrimitiveVector<T> source, DataType type)
        where T : unmanaged
    {
        var result = PrimitiveVector<T>.FromValues(type, source.Values);
        NullMasks.Apply(result, source.NullBitmap);
        return result;
    }
}
