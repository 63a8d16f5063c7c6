using Sluice.Core.Types;

namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// Flink's type rules: type families, the least restrictive (common) type, arithmetic result types, and which
/// casts are valid explicitly and implicitly. Stateless and thread-safe.
/// </summary>
/// <remarks>
/// Implicit numeric widening follows <c>TINYINT &lt; SMALLINT &lt; INT &lt; BIGINT &lt; DECIMAL &lt; FLOAT &lt;
/// DOUBLE</c>. Decimal results follow Flink's <c>LogicalTypeMerging</c>: a result wider than 38 digits keeps 38
/// digits and gives up scale, but keeps at least 6 fractional digits when the exact scale had that many.
/// </remarks>
public static partial class TypeRules
{
    /// <summary>The smallest scale a decimal result keeps when its precision must be cut to 38.</summary>
    public const int MinimumAdjustedScale = 6;

    /// <summary>True for <c>TINYINT</c>, <c>SMALLINT</c>, <c>INT</c> and <c>BIGINT</c>.</summary>
    public static bool IsInteger(DataType type) =>
        type.TypeId is TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt;

    /// <summary>True for the integer types and <c>DECIMAL</c>.</summary>
    public static bool IsExactNumeric(DataType type) => IsInteger(type) || type.TypeId == TypeId.Decimal;

    /// <summary>True for <c>FLOAT</c> and <c>DOUBLE</c>.</summary>
    public static bool IsApproximate(DataType type) => type.TypeId is TypeId.Float or TypeId.Double;

    /// <summary>True for every numeric type.</summary>
    public static bool IsNumeric(DataType type) => IsExactNumeric(type) || IsApproximate(type);

    /// <summary>True for <c>CHAR</c>, <c>VARCHAR</c> and <c>STRING</c>.</summary>
    public static bool IsCharacter(DataType type) => type.TypeId is TypeId.Char or TypeId.VarChar;

    /// <summary>True for <c>BINARY</c>, <c>VARBINARY</c> and <c>BYTES</c>.</summary>
    public static bool IsBinary(DataType type) => type.TypeId is TypeId.Binary or TypeId.VarBinary;

    /// <summary>True for <c>DATE</c>, <c>TIME</c>, <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c>.</summary>
    public static bool IsDatetime(DataType type) =>
        type.TypeId is TypeId.Date or TypeId.Time or TypeId.Timestamp or TypeId.TimestampLtz;

    /// <summary>True for <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c>.</summary>
    public static bool IsTimestamp(DataType type) => type.TypeId is TypeId.Timestamp or TypeId.TimestampLtz;

    /// <summary>True for both interval types.</summary>
    public static bool IsInterval(DataType type) => type.TypeId is TypeId.IntervalDayTime or TypeId.IntervalYearMonth;

    /// <summary>True for the type of an untyped <c>NULL</c> literal.</summary>
    public static bool IsNullType(DataType type) => type.TypeId == TypeId.Null;

    /// <summary>
    /// The rank of a numeric type in the widening order (1 for <c>TINYINT</c> to 7 for <c>DOUBLE</c>), 0 for other types.
    /// </summary>
    public static int NumericRank(DataType type) => type.TypeId switch
    {
        TypeId.TinyInt => 1,
        TypeId.SmallInt => 2,
        TypeId.Int => 3,
        TypeId.BigInt => 4,
        TypeId.Decimal => 5,
        TypeId.Float => 6,
        TypeId.Double => 7,
        _ => 0,
    };

    /// <summary>
    /// An exact numeric type as a decimal: <c>TINYINT</c> is <c>DECIMAL(3, 0)</c>, <c>SMALLINT</c> <c>DECIMAL(5, 0)</c>,
    /// <c>INT</c> <c>DECIMAL(10, 0)</c>, <c>BIGINT</c> <c>DECIMAL(19, 0)</c>; a decimal is returned unchanged. Keeps nullability.
    /// </summary>
    /// <exception cref="ArgumentException">The type is not exact numeric.</exception>
    public static DataType AsDecimal(DataType type)
    {
        var result = type.TypeId switch
        {
            TypeId.TinyInt => DataTypes.Decimal(3, 0),
            TypeId.SmallInt => DataTypes.Decimal(5, 0),
            TypeId.Int => DataTypes.Decimal(10, 0),
            TypeId.BigInt => DataTypes.Decimal(19, 0),
            TypeId.Decimal => type,
            _ => throw new ArgumentException($"{type} is not an exact numeric type.", nameof(type)),
        };
        return result.WithNullability(type.IsNullable);
    }

    /// <summary>
    /// <c>DECIMAL(precision, scale)</c>, cut to 38 digits as Flink does when the exact result is wider: the integer
    /// digits are kept and the scale shrinks, but not below <c>min(scale, 6)</c>.
    /// </summary>
    public static DataType AdjustedDecimal(int precision, int scale)
    {
        scale = Math.Max(0, scale);
        precision = Math.Max(1, precision);
        if (precision <= DataTypes.MaxDecimalPrecision)
        {
            return DataTypes.Decimal(precision, Math.Min(scale, precision));
        }

        var integerDigits = precision - scale;
        var minimumScale = Math.Min(scale, MinimumAdjustedScale);
        var adjustedScale = Math.Max(DataTypes.MaxDecimalPrecision - integerDigits, minimumScale);
        return DataTypes.Decimal(DataTypes.MaxDecimalPrecision, Math.Min(adjustedScale, DataTypes.MaxDecimalPrecision));
    }

    /// <summary>
    /// True when a value of <paramref name="from"/> needs a conversion to be used as <paramref name="to"/>:
    /// false for the same type (nullability aside), and between types of one family that share a representation
    /// (character strings of any length, binary strings, times of any precision, timestamps of any precision on one side
    /// of 6: microseconds up to 6, nanoseconds above).
    /// </summary>
    public static bool NeedsConversion(DataType from, DataType to)
    {
        if (from.EqualsIgnoringNullability(to))
        {
            return false;
        }

        if ((IsCharacter(from) && IsCharacter(to)) || (IsBinary(from) && IsBinary(to)))
        {
            return false;
        }

        // Timestamps of precision 0..6 hold microseconds, of 7..9 nanoseconds: crossing 6 converts the values.
        return !(from.TypeId == to.TypeId && from.TypeId is TypeId.Timestamp or TypeId.TimestampLtz or TypeId.Time
            && TimestampUnit.SameUnit(from, to));
    }
}
