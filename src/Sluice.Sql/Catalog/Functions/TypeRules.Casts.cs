using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Which casts are valid: explicitly (<c>CAST</c>) and implicitly (argument and sink coercion).</summary>
public static partial class TypeRules
{
    /// <summary>
    /// True when <c>CAST(x AS to)</c> is valid for <c>x</c> of type <paramref name="from"/>, following Flink's
    /// <c>LogicalTypeCasts</c>: between numbers, booleans and numbers, anything to and from character strings, binary
    /// and character strings, among date-time types (but not <c>DATE</c> and <c>TIME</c>), intervals and exact
    /// numbers, and constructed types element by element. Numbers and timestamps do not cast into each other: Flink
    /// uses <c>TO_TIMESTAMP_LTZ</c> and <c>UNIX_TIMESTAMP</c> for that.
    /// </summary>
    public static bool CanCastExplicitly(DataType from, DataType to)
    {
        if (IsNullType(from) || from.EqualsIgnoringNullability(to))
        {
            return true;
        }

        if (IsNullType(to))
        {
            return false;
        }

        if (to.TypeId == TypeId.Variant)
        {
            // Only PARSE_JSON makes a VARIANT (Flink has no cast into one).
            return false;
        }

        if (from.TypeId == TypeId.Variant)
        {
            // Flink's VariantToPrimitiveCastRule: scalars only; a value of another kind fails when it runs.
            return to.TypeId is TypeId.Boolean or TypeId.Date or TypeId.Timestamp or TypeId.TimestampLtz
                || IsNumeric(to) || IsCharacter(to) || IsBinary(to);
        }

        if (IsCharacter(to))
        {
            return true;
        }

        if (IsCharacter(from))
        {
            return !to.IsNested || to.TypeId == TypeId.Null;
        }

        if (IsNumeric(from))
        {
            return IsNumeric(to) || to.TypeId == TypeId.Boolean || (IsExactNumeric(from) && IsInterval(to));
        }

        switch (from.TypeId)
        {
            case TypeId.Boolean:
                return IsNumeric(to);
            case TypeId.Binary or TypeId.VarBinary:
                return IsBinary(to);
            case TypeId.Date:
                return IsTimestamp(to);
            case TypeId.Time:
                return to.TypeId is TypeId.Time or TypeId.Timestamp;
            case TypeId.Timestamp or TypeId.TimestampLtz:
                return IsDatetime(to);
            case TypeId.IntervalDayTime or TypeId.IntervalYearMonth:
                return IsExactNumeric(to) || to.TypeId == from.TypeId;
            case TypeId.Array or TypeId.Multiset:
                return to.TypeId == from.TypeId && CanCastExplicitly(from.ElementType!, to.ElementType!);
            case TypeId.Map:
                return to.TypeId == TypeId.Map && CanCastExplicitly(from.KeyType!, to.KeyType!)
                    && CanCastExplicitly(from.ValueType!, to.ValueType!);
            case TypeId.Row:
                if (to.TypeId != TypeId.Row || to.Fields.Count != from.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < from.Fields.Count; i++)
                {
                    if (!CanCastExplicitly(from.Fields[i].DataType, to.Fields[i].DataType))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// True when a value of <paramref name="from"/> converts to <paramref name="to"/> without an explicit cast:
    /// a widening (the numeric order <c>TINYINT &lt; SMALLINT &lt; INT &lt; BIGINT &lt; DECIMAL &lt; FLOAT &lt; DOUBLE</c>,
    /// any <c>DECIMAL</c> to any <c>DECIMAL</c>), strings of one kind to any length (the sink enforces lengths),
    /// <c>DATE</c> to timestamps, timestamps of any precision to each other, and constructed types element by element.
    /// Nullability is not checked here: writing a nullable value to a <c>NOT NULL</c> column is enforced when it runs.
    /// </summary>
    public static bool CanCastImplicitly(DataType from, DataType to)
    {
        if (IsNullType(from) || from.EqualsIgnoringNullability(to))
        {
            return true;
        }

        if (IsNumeric(from) && IsNumeric(to))
        {
            return NumericRank(from) < NumericRank(to) || (from.TypeId == TypeId.Decimal && to.TypeId == TypeId.Decimal);
        }

        if ((IsCharacter(from) && IsCharacter(to)) || (IsBinary(from) && IsBinary(to)))
        {
            return true;
        }

        if (IsDatetime(from) && IsDatetime(to))
        {
            return (from.TypeId == TypeId.Date && IsTimestamp(to))
                || (IsTimestamp(from) && IsTimestamp(to))
                || (from.TypeId == TypeId.Time && to.TypeId == TypeId.Time);
        }

        if (from.TypeId != to.TypeId)
        {
            return false;
        }

        switch (from.TypeId)
        {
            case TypeId.IntervalDayTime:
                return true;
            case TypeId.Array or TypeId.Multiset:
                return CanCastImplicitly(from.ElementType!, to.ElementType!);
            case TypeId.Map:
                return CanCastImplicitly(from.KeyType!, to.KeyType!) && CanCastImplicitly(from.ValueType!, to.ValueType!);
            case TypeId.Row:
                if (to.Fields.Count != from.Fields.Count)
                {
                    return false;
                }

                for (var i = 0; i < from.Fields.Count; i++)
                {
                    if (!CanCastImplicitly(from.Fields[i].DataType, to.Fields[i].DataType))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The type two operands of a comparison are compared in, or null when they cannot be compared: numbers in
    /// their least restrictive type, strings of one kind as they are, <c>DATE</c> with <c>TIMESTAMP</c> as
    /// <c>TIMESTAMP</c>, <c>TIMESTAMP</c> with <c>TIMESTAMP_LTZ</c> as <c>TIMESTAMP_LTZ</c>, an untyped <c>NULL</c>
    /// as the other operand's type. The result is nullable when either operand is.
    /// </summary>
    public static DataType? ComparisonType(DataType left, DataType right)
    {
        if (IsNumeric(left) != IsNumeric(right) && !IsNullType(left) && !IsNullType(right))
        {
            return null;
        }

        if (IsCharacter(left) != IsCharacter(right) && !IsNullType(left) && !IsNullType(right))
        {
            return null;
        }

        return LeastRestrictive(left, right);
    }

    /// <summary>True when values of the type can be ordered (<c>&lt;</c>, <c>ORDER BY</c>, <c>MIN</c>): not the constructed types, not <c>VARIANT</c>.</summary>
    public static bool IsOrderable(DataType type) => !type.IsNested && type.TypeId != TypeId.Variant;

    /// <summary>
    /// True when the type is or contains <c>VARIANT</c>, whose values have no equality: they cannot be grouping,
    /// DISTINCT, partitioning or join keys (as Spark's, whose semantics Flink's VARIANT follows).
    /// </summary>
    public static bool ContainsVariant(DataType type) => type.TypeId == TypeId.Variant
        || (type.ElementType is { } element && ContainsVariant(element))
        || (type.KeyType is { } key && ContainsVariant(key))
        || (type.ValueType is { } value && ContainsVariant(value))
        || type.Fields.Any(f => ContainsVariant(f.DataType));
}
