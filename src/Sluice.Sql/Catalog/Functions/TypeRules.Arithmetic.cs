using Sluice.Core.Types;
using Sluice.Sql.Ast;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>Result types of arithmetic and concatenation.</summary>
public static partial class TypeRules
{
    /// <summary>
    /// The result type of <paramref name="left"/> <paramref name="op"/> <paramref name="right"/> for the arithmetic
    /// operators (<c>+ - * / %</c>), or null when the operator does not apply to these types. Nullable when either
    /// operand is.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>Integers: the wider type (<c>INT + BIGINT</c> is <c>BIGINT</c>; <c>INT / INT</c> is <c>INT</c>); <c>%</c> has the type of its right operand.</item>
    /// <item>With a <c>FLOAT</c> or <c>DOUBLE</c> operand: the wider approximate type.</item>
    /// <item>With a <c>DECIMAL</c> operand (integers read as decimals): <c>+ -</c> scale <c>max(s1, s2)</c>, precision
    /// <c>max(p1 - s1, p2 - s2) + scale + 1</c>; <c>*</c> scale <c>s1 + s2</c>, precision <c>p1 + p2 + 1</c>; <c>/</c> scale
    /// <c>max(6, s1 + p2 + 1)</c>, precision <c>p1 - s1 + s2 + scale</c>; <c>%</c> scale <c>max(s1, s2)</c>, precision
    /// <c>min(p1 - s1, p2 - s2) + scale</c>; all cut to 38 by <see cref="AdjustedDecimal"/>.</item>
    /// <item>Date-time plus or minus an interval: the date-time type; interval plus or minus interval of the same kind;
    /// interval times or divided by a number: the interval type.</item>
    /// </list>
    /// </remarks>
    public static DataType? ArithmeticType(BinaryOperator op, DataType left, DataType right)
    {
        var nullable = left.IsNullable || right.IsNullable;
        if (IsNullType(left) && IsNullType(right))
        {
            return null;
        }

        if (IsNullType(left))
        {
            left = right;
        }
        else if (IsNullType(right))
        {
            right = left;
        }

        var result = ArithmeticTypeCore(op, left, right);
        return result?.WithNullability(nullable);
    }

    /// <summary>The result type of unary minus: the operand's type for numbers and intervals, otherwise null.</summary>
    public static DataType? NegationType(DataType operand) =>
        IsNumeric(operand) || IsInterval(operand) ? operand : null;

    /// <summary>
    /// The type of <c>left || right</c>: <c>CHAR(n1 + n2)</c> for two <c>CHAR</c>s, otherwise <c>VARCHAR(n1 + n2)</c>
    /// (at most <c>STRING</c>); the same for binary strings; null for other types. Nullable when either operand is.
    /// </summary>
    public static DataType? ConcatType(DataType left, DataType right)
    {
        var nullable = left.IsNullable || right.IsNullable;
        if (IsNullType(left))
        {
            left = right;
        }
        else if (IsNullType(right))
        {
            right = left;
        }

        var length = (int)Math.Min((long)left.Length + right.Length, DataTypes.MaxLength);
        DataType? result = null;
        if (IsCharacter(left) && IsCharacter(right))
        {
            result = left.TypeId == TypeId.Char && right.TypeId == TypeId.Char ? DataTypes.Char(length) : DataTypes.VarChar(length);
        }
        else if (IsBinary(left) && IsBinary(right))
        {
            result = left.TypeId == TypeId.Binary && right.TypeId == TypeId.Binary ? DataTypes.Binary(length) : DataTypes.VarBinary(length);
        }

        return result?.WithNullability(nullable);
    }

    /// <summary>The decimal result of <paramref name="op"/> on two decimals (integers converted first), cut to 38 digits.</summary>
    public static DataType DecimalArithmeticType(BinaryOperator op, DataType left, DataType right)
    {
        var a = AsDecimal(left);
        var b = AsDecimal(right);
        int p1 = a.Precision, s1 = a.Scale, p2 = b.Precision, s2 = b.Scale;
        switch (op)
        {
            case BinaryOperator.Add or BinaryOperator.Subtract:
            {
                var scale = Math.Max(s1, s2);
                return AdjustedDecimal(Math.Max(p1 - s1, p2 - s2) + scale + 1, scale);
            }

            case BinaryOperator.Multiply:
                return AdjustedDecimal(p1 + p2 + 1, s1 + s2);
            case BinaryOperator.Divide:
            {
                var scale = Math.Max(MinimumAdjustedScale, s1 + p2 + 1);
                return AdjustedDecimal(p1 - s1 + s2 + scale, scale);
            }

            case BinaryOperator.Modulo:
            {
                var scale = Math.Max(s1, s2);
                return AdjustedDecimal(Math.Min(p1 - s1, p2 - s2) + scale, scale);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(op), op, "Not an arithmetic operator.");
        }
    }

    private static DataType? ArithmeticTypeCore(BinaryOperator op, DataType left, DataType right)
    {
        if (IsNumeric(left) && IsNumeric(right))
        {
            var rank = Math.Max(NumericRank(left), NumericRank(right));
            if (rank >= NumericRank(DataTypes.Float()))
            {
                return rank == NumericRank(DataTypes.Double()) ? DataTypes.Double() : DataTypes.Float();
            }

            if (left.TypeId == TypeId.Decimal || right.TypeId == TypeId.Decimal)
            {
                return DecimalArithmeticType(op, left, right);
            }

            if (op == BinaryOperator.Modulo)
            {
                return right;
            }

            return NumericRank(left) >= NumericRank(right) ? left : right;
        }

        switch (op)
        {
            case BinaryOperator.Add:
                if (IsDatetime(left) && IsInterval(right))
                {
                    return DatetimePlusInterval(left, right);
                }

                if (IsInterval(left) && IsDatetime(right))
                {
                    return DatetimePlusInterval(right, left);
                }

                return IntervalPlusInterval(left, right);
            case BinaryOperator.Subtract:
                return IsDatetime(left) && IsInterval(right) ? DatetimePlusInterval(left, right) : IntervalPlusInterval(left, right);
            case BinaryOperator.Multiply:
                if (IsInterval(left) && IsNumeric(right))
                {
                    return left;
                }

                return IsNumeric(left) && IsInterval(right) ? right : null;
            case BinaryOperator.Divide:
                return IsInterval(left) && IsNumeric(right) ? left : null;
            default:
                return null;
        }
    }

    private static DataType? DatetimePlusInterval(DataType datetime, DataType interval)
    {
        // Adding a year-month interval to a time of day has no meaning.
        if (datetime.TypeId == TypeId.Time && interval.TypeId == TypeId.IntervalYearMonth)
        {
            return null;
        }

        return datetime;
    }

    private static DataType? IntervalPlusInterval(DataType left, DataType right)
    {
        if (left.TypeId != right.TypeId || !IsInterval(left))
        {
            return null;
        }

        return left.TypeId == TypeId.IntervalDayTime ? DataTypes.IntervalDayTime(Math.Max(left.Precision, right.Precision)) : left;
    }
}
