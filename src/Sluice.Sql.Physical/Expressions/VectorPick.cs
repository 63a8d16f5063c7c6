using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Builds a vector whose row i is row i of <c>sources[choice[i]]</c> (null when the choice is negative or the
/// chosen value is null). All sources share the storage of <c>type</c>. Used by CASE and COALESCE.
/// </summary>
internal static class VectorPick
{
    public static ColumnVector Pick(DataType type, ColumnVector[] sources, ReadOnlySpan<int> choice)
    {
        return type.PhysicalType switch
        {
            PhysicalType.Boolean => PickBoolean(type, sources, choice),
            PhysicalType.Int8 => PickPrimitive<sbyte>(type, sources, choice),
            PhysicalType.Int16 => PickPrimitive<short>(type, sources, choice),
            PhysicalType.Int32 => PickPrimitive<int>(type, sources, choice),
            PhysicalType.Int64 or PhysicalType.Decimal64 => PickPrimitive<long>(type, sources, choice),
            PhysicalType.Float32 => PickPrimitive<float>(type, sources, choice),
            PhysicalType.Float64 => PickPrimitive<double>(type, sources, choice),
            PhysicalType.Decimal128 => PickPrimitive<Int128>(type, sources, choice),
            PhysicalType.Utf8 or PhysicalType.Binary => PickBytes(type, sources, choice),
            _ => throw new SluiceException($"Values of type {type} cannot be chosen by CASE or COALESCE in execution yet.", ErrorDomain.User),
        };
    }

    private static PrimitiveVector<T> PickPrimitive<T>(DataType type, ColumnVector[] sources, ReadOnlySpan<int> choice)
        where T : unmanaged
    {
        var result = PrimitiveVector<T>.Allocate(type, choice.Length);
        var values = result.Values;
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            if (k < 0 || sources[k].IsNull(i))
            {
                result.SetNull(i);
            }
            else
            {
                values[i] = ((PrimitiveVector<T>)sources[k]).Values[i];
            }
        }

        return result;
    }

    private static BooleanVector PickBoolean(DataType type, ColumnVector[] sources, ReadOnlySpan<int> choice)
    {
        var result = BooleanVector.Allocate(type, choice.Length);
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            if (k < 0 || sources[k].IsNull(i))
            {
                result.SetNull(i);
            }
            else if (((BooleanVector)sources[k])[i])
            {
                result.Set(i, true);
            }
        }

        return result;
    }

    private static ColumnVector PickBytes(DataType type, ColumnVector[] sources, ReadOnlySpan<int> choice)
    {
        using var builder = new BytesVectorBuilder(type, choice.Length);
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            if (k < 0 || sources[k].IsNull(i))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(((BytesVector)sources[k]).GetBytes(i));
            }
        }

        return builder.Build();
    }
}
