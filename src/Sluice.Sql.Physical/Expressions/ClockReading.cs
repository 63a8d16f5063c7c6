namespace Sluice.Sql.Physical.Expressions;

/// <summary>What a <see cref="ClockKernel"/> reads from the environment's clock.</summary>
internal enum ClockReading
{
    /// <summary><c>CURRENT_TIMESTAMP</c>, <c>NOW()</c>, <c>PROCTIME()</c>, <c>CURRENT_ROW_TIMESTAMP()</c>: the instant.</summary>
    Instant,

    /// <summary><c>LOCALTIMESTAMP</c>: the wall-clock time in the session time zone.</summary>
    LocalTimestamp,

    /// <summary><c>CURRENT_DATE</c>: today in the session time zone.</summary>
    Date,

    /// <summary><c>CURRENT_TIME</c>, <c>LOCALTIME</c>: the time of day in the session time zone, in whole seconds.</summary>
    Time,

    /// <summary><c>UNIX_TIMESTAMP()</c>: seconds since 1970-01-01T00:00Z.</summary>
    UnixSeconds,
}
