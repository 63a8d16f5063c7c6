namespace Sluice.Core.Variants;

/// <summary>The kind of value a <c>VARIANT</c> holds (Spark's variant types, grouped as SQL sees them).</summary>
public enum VariantKind
{
    /// <summary>The JSON <c>null</c> (a value, unlike SQL <c>NULL</c>).</summary>
    Null,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An integer of 1, 2, 4 or 8 bytes (<c>TINYINT</c> .. <c>BIGINT</c>).</summary>
    Integer,

    /// <summary>A 64-bit floating-point number.</summary>
    Double,

    /// <summary>A 32-bit floating-point number.</summary>
    Float,

    /// <summary>An exact decimal of up to 38 digits.</summary>
    Decimal,

    /// <summary>A UTF-8 string.</summary>
    String,

    /// <summary>A date (days since 1970-01-01).</summary>
    Date,

    /// <summary>An instant (microseconds since the epoch, UTC): <c>TIMESTAMP_LTZ</c>.</summary>
    TimestampLtz,

    /// <summary>A date and time without time zone (microseconds since the epoch): <c>TIMESTAMP</c>.</summary>
    Timestamp,

    /// <summary>A byte string.</summary>
    Binary,

    /// <summary>An object: string keys (sorted, unique) to values.</summary>
    Object,

    /// <summary>An array of values.</summary>
    Array,
}
