namespace Sluice.Core.Types;

/// <summary>
/// How values of a <see cref="DataType"/> are stored in a column vector. Several logical types share one
/// physical type (for example <c>DATE</c> and <c>INT</c> are both <see cref="Int32"/>). The numeric values
/// are persisted in the batch encoding: never renumber a member, only append.
/// </summary>
public enum PhysicalType
{
    /// <summary>Bit-packed booleans (<c>BOOLEAN</c>).</summary>
    Boolean = 0,

    /// <summary><see cref="sbyte"/> values (<c>TINYINT</c>).</summary>
    Int8 = 1,

    /// <summary><see cref="short"/> values (<c>SMALLINT</c>).</summary>
    Int16 = 2,

    /// <summary>
    /// <see cref="int"/> values: <c>INT</c>, <c>DATE</c> (days since epoch), <c>INTERVAL YEAR TO MONTH</c> (months).
    /// </summary>
    Int32 = 3,

    /// <summary>
    /// <see cref="long"/> values: <c>BIGINT</c>, <c>TIME</c> (microseconds of the day), <c>TIMESTAMP</c> and
    /// <c>TIMESTAMP_LTZ</c> (microseconds since the epoch; nanoseconds at precision 7..9, see <see cref="TimestampUnit"/>),
    /// <c>INTERVAL DAY TO SECOND</c> (microseconds).
    /// </summary>
    Int64 = 4,

    /// <summary><see cref="float"/> values (<c>FLOAT</c>).</summary>
    Float32 = 5,

    /// <summary><see cref="double"/> values (<c>DOUBLE</c>).</summary>
    Float64 = 6,

    /// <summary><c>DECIMAL(p, s)</c> with p ≤ 18: the unscaled value as a <see cref="long"/>.</summary>
    Decimal64 = 7,

    /// <summary><c>DECIMAL(p, s)</c> with p &gt; 18: the unscaled value as an <see cref="Int128"/>.</summary>
    Decimal128 = 8,

    /// <summary>UTF-8 strings as offsets plus bytes (<c>CHAR</c>, <c>VARCHAR</c>, <c>STRING</c>).</summary>
    Utf8 = 9,

    /// <summary>
    /// Byte strings as offsets plus bytes (<c>BINARY</c>, <c>VARBINARY</c>, <c>BYTES</c>; <c>VARIANT</c> as its
    /// metadata followed by its value in Spark's variant binary encoding).
    /// </summary>
    Binary = 10,

    /// <summary>Offsets into one child vector (<c>ARRAY</c>, <c>MULTISET</c>).</summary>
    List = 11,

    /// <summary>Offsets into a key child and a value child (<c>MAP</c>).</summary>
    Map = 12,

    /// <summary>One child vector per field (<c>ROW</c>).</summary>
    Struct = 13,

    /// <summary>No storage: every value is null (<c>NULL</c>).</summary>
    Null = 14,
}
