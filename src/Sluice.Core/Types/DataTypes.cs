using Sluice.Core.Schemas;

namespace Sluice.Core.Types;

/// <summary>
/// Factories of <see cref="DataType"/>s, named as in Flink's <c>DataTypes</c>. Every type they return is
/// nullable; call <see cref="DataType.NotNull"/> for the <c>NOT NULL</c> variant.
/// </summary>
public static class DataTypes
{
    /// <summary>The maximum length of string and binary types (<c>STRING</c> is <c>VARCHAR(MaxLength)</c>).</summary>
    public const int MaxLength = int.MaxValue;

    /// <summary>The maximum precision of <c>DECIMAL</c>.</summary>
    public const int MaxDecimalPrecision = 38;

    /// <summary>The largest <c>DECIMAL</c> precision stored as a scaled 64-bit integer.</summary>
    public const int MaxDecimal64Precision = 18;

    /// <summary>The maximum fractional-second precision of time types.</summary>
    public const int MaxTimePrecision = 9;

    /// <summary>The default precision of <c>TIMESTAMP</c> and <c>TIMESTAMP_LTZ</c>.</summary>
    public const int DefaultTimestampPrecision = 6;

    private static readonly DataType BooleanType = DataType.Create(TypeId.Boolean);
    private static readonly DataType TinyIntType = DataType.Create(TypeId.TinyInt);
    private static readonly DataType SmallIntType = DataType.Create(TypeId.SmallInt);
    private static readonly DataType IntType = DataType.Create(TypeId.Int);
    private static readonly DataType BigIntType = DataType.Create(TypeId.BigInt);
    private static readonly DataType FloatType = DataType.Create(TypeId.Float);
    private static readonly DataType DoubleType = DataType.Create(TypeId.Double);
    private static readonly DataType DateType = DataType.Create(TypeId.Date);
    private static readonly DataType StringType = DataType.Create(TypeId.VarChar, length: MaxLength);
    private static readonly DataType BytesType = DataType.Create(TypeId.VarBinary, length: MaxLength);
    private static readonly DataType IntervalYearMonthType = DataType.Create(TypeId.IntervalYearMonth);
    private static readonly DataType NullType = DataType.Create(TypeId.Null);
    private static readonly DataType VariantType = DataType.Create(TypeId.Variant);

    /// <summary><c>BOOLEAN</c>.</summary>
    public static DataType Boolean() => BooleanType;

    /// <summary><c>TINYINT</c>.</summary>
    public static DataType TinyInt() => TinyIntType;

    /// <summary><c>SMALLINT</c>.</summary>
    public static DataType SmallInt() => SmallIntType;

    /// <summary><c>INT</c>.</summary>
    public static DataType Int() => IntType;

    /// <summary><c>BIGINT</c>.</summary>
    public static DataType BigInt() => BigIntType;

    /// <summary><c>FLOAT</c>.</summary>
    public static DataType Float() => FloatType;

    /// <summary><c>DOUBLE</c>.</summary>
    public static DataType Double() => DoubleType;

    /// <summary><c>DECIMAL(precision, scale)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision is not 1..38 or scale is not 0..precision.</exception>
    public static DataType Decimal(int precision, int scale)
    {
        if (precision < 1 || precision > MaxDecimalPrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision,
                $"Decimal precision must be between 1 and {MaxDecimalPrecision} (both inclusive).");
        }

        if (scale < 0 || scale > precision)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale,
                $"Decimal scale must be between 0 and the precision {precision} (both inclusive).");
        }

        return DataType.Create(TypeId.Decimal, precision, scale);
    }

    /// <summary><c>CHAR(length)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is less than 1.</exception>
    public static DataType Char(int length) => DataType.Create(TypeId.Char, length: ValidateLength(length));

    /// <summary><c>VARCHAR(length)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is less than 1.</exception>
    public static DataType VarChar(int length) =>
        length == MaxLength ? StringType : DataType.Create(TypeId.VarChar, length: ValidateLength(length));

    /// <summary><c>STRING</c>, that is <c>VARCHAR(2147483647)</c>.</summary>
    public static DataType String() => StringType;

    /// <summary><c>BINARY(length)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is less than 1.</exception>
    public static DataType Binary(int length) => DataType.Create(TypeId.Binary, length: ValidateLength(length));

    /// <summary><c>VARBINARY(length)</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Length is less than 1.</exception>
    public static DataType VarBinary(int length) =>
        length == MaxLength ? BytesType : DataType.Create(TypeId.VarBinary, length: ValidateLength(length));

    /// <summary><c>BYTES</c>, that is <c>VARBINARY(2147483647)</c>.</summary>
    public static DataType Bytes() => BytesType;

    /// <summary><c>DATE</c>, stored as days since 1970-01-01.</summary>
    public static DataType Date() => DateType;

    /// <summary><c>TIME(precision)</c>, stored as microseconds of the day. Flink's default precision is 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision is not 0..9.</exception>
    public static DataType Time(int precision = 0) => DataType.Create(TypeId.Time, ValidateTimePrecision(precision));

    /// <summary>
    /// <c>TIMESTAMP(precision)</c> (without time zone), stored as microseconds since 1970-01-01T00:00; digits
    /// beyond microseconds are not kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision is not 0..9.</exception>
    public static DataType Timestamp(int precision = DefaultTimestampPrecision) =>
        DataType.Create(TypeId.Timestamp, ValidateTimePrecision(precision));

    /// <summary>
    /// <c>TIMESTAMP_LTZ(precision)</c> (an instant), stored as microseconds since 1970-01-01T00:00Z; digits
    /// beyond microseconds are not kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision is not 0..9.</exception>
    public static DataType TimestampLtz(int precision = DefaultTimestampPrecision) =>
        DataType.Create(TypeId.TimestampLtz, ValidateTimePrecision(precision));

    /// <summary><c>INTERVAL YEAR TO MONTH</c>, stored as a number of months.</summary>
    public static DataType IntervalYearMonth() => IntervalYearMonthType;

    /// <summary><c>INTERVAL DAY TO SECOND(fractionalPrecision)</c>, stored as microseconds.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Precision is not 0..9.</exception>
    public static DataType IntervalDayTime(int fractionalPrecision = DefaultTimestampPrecision) =>
        DataType.Create(TypeId.IntervalDayTime, ValidateTimePrecision(fractionalPrecision));

    /// <summary><c>ARRAY&lt;elementType&gt;</c>.</summary>
    public static DataType Array(DataType elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return DataType.Create(TypeId.Array, elementType: elementType);
    }

    /// <summary><c>MULTISET&lt;elementType&gt;</c>, stored like an array of its elements.</summary>
    public static DataType Multiset(DataType elementType)
    {
        ArgumentNullException.ThrowIfNull(elementType);
        return DataType.Create(TypeId.Multiset, elementType: elementType);
    }

    /// <summary><c>MAP&lt;keyType, valueType&gt;</c>.</summary>
    public static DataType Map(DataType keyType, DataType valueType)
    {
        ArgumentNullException.ThrowIfNull(keyType);
        ArgumentNullException.ThrowIfNull(valueType);
        return DataType.Create(TypeId.Map, keyType: keyType, valueType: valueType);
    }

    /// <summary><c>ROW&lt;...&gt;</c> of the given fields.</summary>
    /// <exception cref="ArgumentException">Two fields have the same name.</exception>
    public static DataType Row(params Field[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var copy = (Field[])fields.Clone();
        EnsureUniqueNames(copy, nameof(fields));
        return DataType.Create(TypeId.Row, fields: copy);
    }

    /// <summary><c>ROW&lt;...&gt;</c> of the given fields.</summary>
    /// <exception cref="ArgumentException">Two fields have the same name.</exception>
    public static DataType Row(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return Row(fields.ToArray());
    }

    /// <summary><c>NULL</c>: the type of an untyped null literal.</summary>
    public static DataType Null() => NullType;

    /// <summary>
    /// <c>VARIANT</c>: a semi-structured value (Flink 2.1), stored as a byte string in Spark's variant binary
    /// encoding (metadata followed by the value, see <see cref="Variants.VariantValue"/>).
    /// </summary>
    public static DataType Variant() => VariantType;

    /// <summary>A named field, for <see cref="Row(Field[])"/> and <see cref="Schema"/>.</summary>
    public static Field Field(string name, DataType dataType) => new(name, dataType);

    internal static void EnsureUniqueNames(IReadOnlyList<Field> fields, string paramName)
    {
        var seen = new HashSet<string>(fields.Count, StringComparer.Ordinal);
        foreach (var field in fields)
        {
            ArgumentNullException.ThrowIfNull(field, paramName);
            if (!seen.Add(field.Name))
            {
                throw new ArgumentException($"Field name '{field.Name}' appears more than once.", paramName);
            }
        }
    }

    private static int ValidateLength(int length)
    {
        if (length < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"Length must be between 1 and {MaxLength}.");
        }

        return length;
    }

    private static int ValidateTimePrecision(int precision)
    {
        if (precision < 0 || precision > MaxTimePrecision)
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision,
                $"Time precision must be between 0 and {MaxTimePrecision} (both inclusive).");
        }

        return precision;
    }
}
