using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>The least restrictive type of several types (CASE, COALESCE, UNION, VALUES, IN lists).</summary>
public static partial class TypeRules
{
    /// <summary>
    /// The least restrictive type that every one of <paramref name="types"/> converts to implicitly, or null when
    /// they have none. <c>NULL</c> types fit any type and make the result nullable; the result is nullable when
    /// any input is.
    /// </summary>
    /// <remarks>
    /// Numbers widen (integers to decimals keep all integer digits and the largest scale); character strings of
    /// different lengths become <c>VARCHAR</c> of the longest length (Flink converts ragged <c>CHAR</c> unions to
    /// varying); <c>DATE</c> and <c>TIMESTAMP</c> meet at <c>TIMESTAMP</c>, <c>TIMESTAMP</c> and
    /// <c>TIMESTAMP_LTZ</c> at <c>TIMESTAMP_LTZ</c>; constructed types meet element by element.
    /// </remarks>
    public static DataType? LeastRestrictive(IReadOnlyList<DataType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        if (types.Count == 0)
        {
            return null;
        }

        var nullable = false;
        var known = new List<DataType>(types.Count);
        foreach (var type in types)
        {
            nullable |= type.IsNullable;
            if (!IsNullType(type))
            {
                known.Add(type);
            }
        }

        if (known.Count == 0)
        {
            return DataTypes.Null();
        }

        var result = known[0];
        for (var i = 1; i < known.Count && result is not null; i++)
        {
            result = LeastRestrictivePair(result, known[i]);
        }

        return result?.WithNullability(nullable);
    }

    /// <summary>The least restrictive type of two types, or null.</summary>
    public static DataType? LeastRestrictive(DataType left, DataType right) => LeastRestrictive([left, right]);

    private static DataType? LeastRestrictivePair(DataType a, DataType b)
    {
        if (a.EqualsIgnoringNullability(b))
        {
            return a;
        }

        if (IsNumeric(a) && IsNumeric(b))
        {
            return CommonNumeric(a, b);
        }

        if (IsCharacter(a) && IsCharacter(b))
        {
            var length = Math.Max(a.Length, b.Length);
            return a.TypeId == TypeId.Char && b.TypeId == TypeId.Char && a.Length == b.Length
                ? DataTypes.Char(length)
                : DataTypes.VarChar(length);
        }

        if (IsBinary(a) && IsBinary(b))
        {
            var length = Math.Max(a.Length, b.Length);
            return a.TypeId == TypeId.Binary && b.TypeId == TypeId.Binary && a.Length == b.Length
                ? DataTypes.Binary(length)
                : DataTypes.VarBinary(length);
        }

        if (IsDatetime(a) && IsDatetime(b))
        {
            return CommonDatetime(a, b);
        }

        if (a.TypeId == TypeId.IntervalDayTime && b.TypeId == TypeId.IntervalDayTime)
        {
            return DataTypes.IntervalDayTime(Math.Max(a.Precision, b.Precision));
        }

        if (a.TypeId != b.TypeId)
        {
            return null;
        }

        switch (a.TypeId)
        {
            case TypeId.Array or TypeId.Multiset:
            {
                var element = LeastRestrictive([a.ElementType!, b.ElementType!]);
                if (element is null)
                {
                    return null;
                }

                return a.TypeId == TypeId.Array ? DataTypes.Array(element) : DataTypes.Multiset(element);
            }

            case TypeId.Map:
            {
                var key = LeastRestrictive([a.KeyType!, b.KeyType!]);
                var value = LeastRestrictive([a.ValueType!, b.ValueType!]);
                return key is null || value is null ? null : DataTypes.Map(key, value);
            }

            case TypeId.Row:
            {
                if (a.Fields.Count != b.Fields.Count)
                {
                    return null;
                }

                var fields = new Field[a.Fields.Count];
                for (var i = 0; i < fields.Length; i++)
                {
                    var field = LeastRestrictive([a.Fields[i].DataType, b.Fields[i].DataType]);
                    if (field is null)
                    {
                        return null;
                    }

                    fields[i] = new Field(a.Fields[i].Name, field);
                }

                return DataTypes.Row(fields);
            }

            default:
                return null;
        }
    }

    private static DataType CommonNumeric(DataType a, DataType b)
    {
        var rank = Math.Max(NumericRank(a), NumericRank(b));
        if (rank == NumericRank(DataTypes.Double()))
        {
            return DataTypes.Double();
        }

        if (rank == NumericRank(DataTypes.Float()))
        {
            return DataTypes.Float();
        }

        if (a.TypeId == TypeId.Decimal || b.TypeId == TypeId.Decimal)
        {
            var left = AsDecimal(a);
            var right = AsDecimal(b);
            var scale = Math.Max(left.Scale, right.Scale);
            var integerDigits = Math.Max(left.Precision - left.Scale, right.Precision - right.Scale);
            var precision = Math.Min(DataTypes.MaxDecimalPrecision, integerDigits + scale);
            return DataTypes.Decimal(precision, Math.Min(scale, precision));
        }

        return NumericRank(a) >= NumericRank(b) ? a.Nullable() : b.Nullable();
    }

    private static DataType? CommonDatetime(DataType a, DataType b)
    {
        if (a.TypeId == b.TypeId)
        {
            return a.TypeId switch
            {
                TypeId.Time => DataTypes.Time(Math.Max(a.Precision, b.Precision)),
                TypeId.Timestamp => DataTypes.Timestamp(Math.Max(a.Precision, b.Precision)),
                TypeId.TimestampLtz => DataTypes.TimestampLtz(Math.Max(a.Precision, b.Precision)),
                _ => a,
            };
        }

        if (a.TypeId == TypeId.Time || b.TypeId == TypeId.Time)
        {
            return null;
        }

        var precision = Math.Max(IsTimestamp(a) ? a.Precision : 0, IsTimestamp(b) ? b.Precision : 0);
        return a.TypeId == TypeId.TimestampLtz || b.TypeId == TypeId.TimestampLtz
            ? DataTypes.TimestampLtz(precision)
            : DataTypes.Timestamp(precision);
    }
}
