using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Builds a vector whose row i is row <c>index[i]</c> of <c>sources[choice[i]]</c> (null when the choice is negative
/// or the chosen value is null): the scatter step of selection-aware evaluation, used by CASE, COALESCE and
/// short-circuit logic. All sources hold the storage of the result type.
/// </summary>
internal static class VectorAssembly
{
    public static ColumnVector Assemble(DataType type, ColumnVector?[] sources, ReadOnlySpan<int> choice, ReadOnlySpan<int> index) =>
        type.PhysicalType switch
        {
            PhysicalType.Boolean => AssembleBoolean(type, sources, choice, index),
            PhysicalType.Int8 => AssemblePrimitive<sbyte>(type, sources, choice, index),
            PhysicalType.Int16 => AssemblePrimitive<short>(type, sources, choice, index),
            PhysicalType.Int32 => AssemblePrimitive<int>(type, sources, choice, index),
            PhysicalType.Int64 or PhysicalType.Decimal64 => AssemblePrimitive<long>(type, sources, choice, index),
            PhysicalType.Float32 => AssemblePrimitive<float>(type, sources, choice, index),
            PhysicalType.Float64 => AssemblePrimitive<double>(type, sources, choice, index),
            PhysicalType.Decimal128 => AssemblePrimitive<Int128>(type, sources, choice, index),
            PhysicalType.Utf8 or PhysicalType.Binary => AssembleBytes(type, sources, choice, index),
            _ => AssembleAny(type, sources, choice, index),
        };

    /// <summary>A vector of <paramref name="rows"/> nulls of <paramref name="type"/>.</summary>
    public static ColumnVector Nulls(DataType type, int rows)
    {
        if (type.PhysicalType == PhysicalType.Null)
        {
            return NullVector.Allocate(rows);
        }

        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, rows));
        for (var i = 0; i < rows; i++)
        {
            builder.AppendNull();
        }

        return builder.Build();
    }

    private static PrimitiveVector<T> AssemblePrimitive<T>(DataType type, ColumnVector?[] sources, ReadOnlySpan<int> choice, ReadOnlySpan<int> index)
        where T : unmanaged
    {
        var result = PrimitiveVector<T>.Allocate(type, choice.Length);
        var values = result.Values;
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            var source = k < 0 ? null : sources[k];
            if (source is null || source.IsNull(index[i]))
            {
                result.SetNull(i);
            }
            else
            {
                values[i] = ((PrimitiveVector<T>)source).Values[index[i]];
            }
        }

        return result;
    }

    private static BooleanVector AssembleBoolean(DataType type, ColumnVector?[] sources, ReadOnlySpan<int> choice, ReadOnlySpan<int> index)
    {
        var result = BooleanVector.Allocate(type, choice.Length);
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            var source = k < 0 ? null : sources[k];
            if (source is null || source.IsNull(index[i]))
            {
                result.SetNull(i);
            }
            else if (((BooleanVector)source)[index[i]])
            {
                result.Set(i, true);
            }
        }

        return result;
    }

    private static ColumnVector AssembleBytes(DataType type, ColumnVector?[] sources, ReadOnlySpan<int> choice, ReadOnlySpan<int> index)
    {
        using var builder = new BytesVectorBuilder(type, Math.Max(1, choice.Length));
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            var source = k < 0 ? null : sources[k];
            if (source is null || source.IsNull(index[i]))
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(((BytesVector)source).GetBytes(index[i]));
            }
        }

        return builder.Build();
    }

    private static ColumnVector AssembleAny(DataType type, ColumnVector?[] sources, ReadOnlySpan<int> choice, ReadOnlySpan<int> index)
    {
        if (type.PhysicalType == PhysicalType.Null)
        {
            return NullVector.Allocate(choice.Length);
        }

        using var builder = ColumnVectorBuilder.Create(type, Math.Max(1, choice.Length));
        for (var i = 0; i < choice.Length; i++)
        {
            var k = choice[i];
            var source = k < 0 ? null : sources[k];
            if (source is null)
            {
                builder.AppendNull();
            }
            else
            {
                VectorValues.Append(builder, source, index[i]);
            }
        }

        return builder.Build();
    }
}
