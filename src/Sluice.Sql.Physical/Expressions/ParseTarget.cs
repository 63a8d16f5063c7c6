namespace Sluice.Sql.Physical.Expressions;

/// <summary>What a <see cref="ParseDateTimeKernel"/> produces from a string.</summary>
internal enum ParseTarget
{
    /// <summary><c>TO_TIMESTAMP(s [, format])</c>: a <c>TIMESTAMP(3)</c>, NULL when the string does not parse.</summary>
    Timestamp,

    /// <summary><c>TO_DATE(s [, format])</c>: a <c>DATE</c>, NULL when the string does not parse.</summary>
    Date,

    /// <summary>
    /// <c>UNIX_TIMESTAMP(s [, format])</c>: epoch seconds of the wall-clock time in the session time zone (or of the
    /// offset in the string); <c>Long.MIN_VALUE</c> when the string does not parse, as Flink.
    /// </summary>
    UnixSeconds,

    /// <summary><c>TO_TIMESTAMP_LTZ(s [, format [, zone]])</c>: a <c>TIMESTAMP_LTZ(3)</c> (the zone defaults to UTC).</summary>
    Instant,
}
