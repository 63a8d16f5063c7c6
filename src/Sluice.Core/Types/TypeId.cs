namespace Sluice.Core.Types;

/// <summary>
/// The root of a logical SQL type (Flink's <c>LogicalTypeRoot</c>). The numeric values are persisted (in type
/// encodings and schema fingerprints): never renumber a member, only append.
/// </summary>
public enum TypeId
{
    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean = 0,

    /// <summary><c>TINYINT</c>: 8-bit signed integer.</summary>
    TinyInt = 1,

    /// <summary><c>SMALLINT</c>: 16-bit signed integer.</summary>
    SmallInt = 2,

    /// <summary><c>INT</c>: 32-bit signed integer.</summary>
    Int = 3,

    /// <summary><c>BIGINT</c>: 64-bit signed integer.</summary>
    BigInt = 4,

    /// <summary><c>FLOAT</c>: 32-bit IEEE 754 number.</summary>
    Float = 5,

    /// <summary><c>DOUBLE</c>: 64-bit IEEE 754 number.</summary>
    Double = 6,

    /// <summary><c>DECIMAL(p, s)</c>: exact decimal with precision 1..38 and scale 0..p.</summary>
    Decimal = 7,

    /// <summary><c>CHAR(n)</c>: fixed-length character string.</summary>
    Char = 8,

    /// <summary><c>VARCHAR(n)</c> (<c>STRING</c> when n is the maximum).</summary>
    VarChar = 9,

    /// <summary><c>BINARY(n)</c>: fixed-length byte string.</summary>
    Binary = 10,

    /// <summary><c>VARBINARY(n)</c> (<c>BYTES</c> when n is the maximum).</summary>
    VarBinary = 11,

    /// <summary><c>DATE</c>: days since 1970-01-01.</summary>
    Date = 12,

    /// <summary><c>TIME(p)</c>: time of day without time zone.</summary>
    Time = 13,

    /// <summary><c>TIMESTAMP(p)</c>: date and time without time zone.</summary>
    Timestamp = 14,

    /// <summary><c>TIMESTAMP_LTZ(p)</c>: an instant, shown in the session time zone.</summary>
    TimestampLtz = 15,

    /// <summary><c>INTERVAL YEAR TO MONTH</c>: a number of months.</summary>
    IntervalYearMonth = 16,

    /// <summary><c>INTERVAL DAY TO SECOND</c>: a duration.</summary>
    IntervalDayTime = 17,

    /// <summary><c>ARRAY&lt;T&gt;</c>.</summary>
    Array = 18,

    /// <summary><c>MAP&lt;K, V&gt;</c>.</summary>
    Map = 19,

    /// <summary><c>MULTISET&lt;T&gt;</c>: a bag of elements.</summary>
    Multiset = 20,

    /// <summary><c>ROW&lt;...&gt;</c>: a structure of named fields.</summary>
    Row = 21,

    /// <summary><c>NULL</c>: the type of the untyped <c>NULL</c> literal; always nullable.</summary>
    Null = 22,

    /// <summary>
    /// <c>VARIANT</c>: a semi-structured value (a JSON-like null, boolean, number, string, array or object) stored
    /// in Spark's variant binary encoding (see <see cref="Variants.VariantValue"/>).
    /// </summary>
    Variant = 23,
}
