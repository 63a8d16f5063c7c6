namespace Sluice.Sql.Catalog.Functions;

/// <summary>
/// The types a function parameter accepts, as flags. An untyped <c>NULL</c> is accepted by every family.
/// </summary>
[Flags]
public enum ArgumentFamily
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary><c>BOOLEAN</c>.</summary>
    Boolean = 1 << 0,

    /// <summary><c>TINYINT</c>, <c>SMALLINT</c>, <c>INT</c>, <c>BIGINT</c>.</summary>
    Integer = 1 << 1,

    /// <summary><c>DECIMAL</c>.</summary>
    Decimal = 1 << 2,

    /// <summary><c>FLOAT</c>, <c>DOUBLE</c>.</summary>
    Approximate = 1 << 3,

    /// <summary><c>CHAR</c>, <c>VARCHAR</c>, <c>STRING</c>.</summary>
    Character = 1 << 4,

    /// <summary><c>BINARY</c>, <c>VARBINARY</c>, <c>BYTES</c>.</summary>
    Binary = 1 << 5,

    /// <summary><c>DATE</c>.</summary>
    Date = 1 << 6,

    /// <summary><c>TIME</c>.</summary>
    Time = 1 << 7,

    /// <summary><c>TIMESTAMP</c>.</summary>
    Timestamp = 1 << 8,

    /// <summary><c>TIMESTAMP_LTZ</c>.</summary>
    TimestampLtz = 1 << 9,

    /// <summary><c>INTERVAL YEAR TO MONTH</c>.</summary>
    IntervalYearMonth = 1 << 10,

    /// <summary><c>INTERVAL DAY TO SECOND</c>.</summary>
    IntervalDayTime = 1 << 11,

    /// <summary><c>ARRAY</c>.</summary>
    Array = 1 << 12,

    /// <summary><c>MAP</c>.</summary>
    Map = 1 << 13,

    /// <summary><c>MULTISET</c>.</summary>
    Multiset = 1 << 14,

    /// <summary><c>ROW</c>.</summary>
    Row = 1 << 15,

    /// <summary>A keyword operand such as the time unit of <c>EXTRACT</c>; never a value.</summary>
    Symbol = 1 << 16,

    /// <summary>
    /// <c>VARIANT</c>: not in <see cref="Any"/>, since a variant is neither comparable nor orderable (as Spark's, whose
    /// semantics Flink's follows); functions that take one say so.
    /// </summary>
    Variant = 1 << 17,

    /// <summary>Integers and <c>DECIMAL</c>.</summary>
    ExactNumeric = Integer | Decimal,

    /// <summary>Every number.</summary>
    Numeric = ExactNumeric | Approximate,

    /// <summary>Both timestamp types.</summary>
    AnyTimestamp = Timestamp | TimestampLtz,

    /// <summary>Every date-time type.</summary>
    Datetime = Date | Time | AnyTimestamp,

    /// <summary>Both interval types.</summary>
    Interval = IntervalYearMonth | IntervalDayTime,

    /// <summary>Character and binary strings.</summary>
    String = Character | Binary,

    /// <summary>Every value type.</summary>
    Any = Boolean | Numeric | String | Datetime | Interval | Array | Map | Multiset | Row,
}
