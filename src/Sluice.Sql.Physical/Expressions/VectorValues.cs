using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Row-level operations on values of any type, read straight from vectors without boxing: copying a value into a
/// builder, equality and ordering. Used where a kernel handles every type (CASE, IN, GREATEST, collections); numeric
/// kernels use typed loops instead.
/// </summary>
internal static class VectorValues
{
    /// <summary>Appends the value at <paramref name="row"/> of <paramref name="source"/> (or null) to <paramref name="builder"/>.</summary>
    public static void Append(ColumnVectorBuilder builder, ColumnVector source, int row)
    {
        if (source.IsNull(row))
        {
            builder.AppendNull();
            return;
        }

        switch (builder)
        {
            case BooleanVectorBuilder booleans:
                booleans.Append(((BooleanVector)source)[row]);
                break;
            case BytesVectorBuilder bytes:
                bytes.Append(((BytesVector)source).GetBytes(row));
                break;
            case PrimitiveVectorBuilder<int> ints:
                ints.Append(((PrimitiveVector<int>)source).Values[row]);
                break;
            case PrimitiveVectorBuilder<long> longs:
                // Timestamps of microseconds into nanoseconds or back (precision 0..6 against 7..9) are converted.
                longs.Append(TimestampUnit.Convert(((PrimitiveVector<long>)source).Values[row], source.DataType, builder.DataType));
                break;
            case PrimitiveVectorBuilder<double> doubles:
                doubles.Append(((PrimitiveVector<double>)source).Values[row]);
                break;
            case PrimitiveVectorBuilder<float> floats:
                floats.Append(((PrimitiveVector<float>)source).Values[row]);
                break;
            case PrimitiveVectorBuilder<short> shorts:
                shorts.Append(((PrimitiveVector<short>)source).Values[row]);
                break;
            case PrimitiveVectorBuilder<sbyte> bytes8:
                bytes8.Append(((PrimitiveVector<sbyte>)source).Values[row]);
                break;
            case PrimitiveVectorBuilder<Int128> wide:
                wide.Append(((PrimitiveVector<Int128>)source).Values[row]);
                break;
            case ListVectorBuilder list:
            {
                var vector = (ListVector)source;
                var (start, count) = vector.GetRange(row);
                list.StartEntry();
                for (var i = 0; i < count; i++)
                {
                    Append(list.Elements, vector.Elements, start + i);
                }

                break;
            }

            case MapVectorBuilder map:
            {
                var vector = (MapVector)source;
                var (start, count) = vector.GetRange(row);
                map.StartEntry();
                for (var i = 0; i < count; i++)
                {
                    Append(map.Keys, vector.Keys, start + i);
                    Append(map.Values, vector.Values, start + i);
                }

                break;
            }

            case StructVectorBuilder structs:
            {
                var vector = (StructVector)source;
                structs.AppendRow();
                for (var i = 0; i < structs.ChildCount; i++)
                {
                    Append(structs.Child(i), vector.Child(i), row);
                }

                break;
            }

            default:
                builder.AppendNull();
                break;
        }
    }

    /// <summary>
    /// True when the values are equal: nulls equal nulls (use it for non-null values, or where SQL treats nulls as
    /// equal: IS NOT DISTINCT FROM, map keys, collection elements). Both vectors hold the same type.
    /// </summary>
    public static bool Equal(ColumnVector a, int i, ColumnVector b, int j)
    {
        var aNull = a.IsNull(i);
        var bNull = b.IsNull(j);
        if (aNull || bNull)
        {
            return aNull && bNull;
        }

        switch (a)
        {
            case BooleanVector x:
                return x[i] == ((BooleanVector)b)[j];
            case BytesVector x:
                return x.GetBytes(i).SequenceEqual(((BytesVector)b).GetBytes(j));
            case PrimitiveVector<int> x:
                return x.Values[i] == ((PrimitiveVector<int>)b).Values[j];
            case PrimitiveVector<long> x:
                return x.Values[i] == ((PrimitiveVector<long>)b).Values[j];
            case PrimitiveVector<double> x:
                return x.Values[i].Equals(((PrimitiveVector<double>)b).Values[j]);
            case PrimitiveVector<float> x:
                return x.Values[i].Equals(((PrimitiveVector<float>)b).Values[j]);
            case PrimitiveVector<short> x:
                return x.Values[i] == ((PrimitiveVector<short>)b).Values[j];
            case PrimitiveVector<sbyte> x:
                return x.Values[i] == ((PrimitiveVector<sbyte>)b).Values[j];
            case PrimitiveVector<Int128> x:
                return x.Values[i] == ((PrimitiveVector<Int128>)b).Values[j];
            case ListVector x:
            {
                var y = (ListVector)b;
                var (xs, xc) = x.GetRange(i);
                var (ys, yc) = y.GetRange(j);
                if (xc != yc)
                {
                    return false;
                }

                for (var k = 0; k < xc; k++)
                {
                    if (!Equal(x.Elements, xs + k, y.Elements, ys + k))
                    {
                        return false;
                    }
                }

                return true;
            }

            case MapVector x:
            {
                var y = (MapVector)b;
                var (xs, xc) = x.GetRange(i);
                var (ys, yc) = y.GetRange(j);
                if (xc != yc)
                {
                    return false;
                }

                for (var k = 0; k < xc; k++)
                {
                    var found = false;
                    for (var m = 0; m < yc && !found; m++)
                    {
                        found = Equal(x.Keys, xs + k, y.Keys, ys + m) && Equal(x.Values, xs + k, y.Values, ys + m);
                    }

                    if (!found)
                    {
                        return false;
                    }
                }

                return true;
            }

            case StructVector x:
            {
                var y = (StructVector)b;
                for (var k = 0; k < x.ChildCount; k++)
                {
                    if (!Equal(x.Child(k), i, y.Child(k), j))
                    {
                        return false;
                    }
                }

                return true;
            }

            default:
                return true;
        }
    }

    /// <summary>
    /// The order of two non-null values of one orderable type: numbers, booleans (FALSE first), strings and binaries
    /// (ordinal bytes), date-times and intervals.
    /// </summary>
    public static int Compare(ColumnVector a, int i, ColumnVector b, int j) => a switch
    {
        BooleanVector x => x[i].CompareTo(((BooleanVector)b)[j]),
        BytesVector x => Math.Sign(x.GetBytes(i).SequenceCompareTo(((BytesVector)b).GetBytes(j))),
        PrimitiveVector<int> x => x.Values[i].CompareTo(((PrimitiveVector<int>)b).Values[j]),
        PrimitiveVector<long> x => x.Values[i].CompareTo(((PrimitiveVector<long>)b).Values[j]),
        PrimitiveVector<double> x => x.Values[i].CompareTo(((PrimitiveVector<double>)b).Values[j]),
        PrimitiveVector<float> x => x.Values[i].CompareTo(((PrimitiveVector<float>)b).Values[j]),
        PrimitiveVector<short> x => x.Values[i].CompareTo(((PrimitiveVector<short>)b).Values[j]),
        PrimitiveVector<sbyte> x => x.Values[i].CompareTo(((PrimitiveVector<sbyte>)b).Values[j]),
        PrimitiveVector<Int128> x => x.Values[i].CompareTo(((PrimitiveVector<Int128>)b).Values[j]),
        _ => 0,
    };

    /// <summary>True when values of the type can be compared with <see cref="Compare"/>.</summary>
    public static bool IsOrderable(DataType type) => !type.IsNested && type.PhysicalType != PhysicalType.Null;
}
