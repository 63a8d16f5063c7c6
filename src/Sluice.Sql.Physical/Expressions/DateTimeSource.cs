namespace Sluice.Sql.Physical.Expressions;

/// <summary>How a <see cref="DateFormatKernel"/> reads its first operand.</summary>
internal enum DateTimeSource
{
    /// <summary>A <c>TIMESTAMP</c>: a wall-clock time.</summary>
    Timestamp,

    /// <summary>A <c>TIMESTAMP_LTZ</c>: an instant, shown in the session time zone.</summary>
    Instant,

    /// <summary>A <c>BIGINT</c> of epoch seconds (<c>FROM_UNIXTIME</c>), shown in the session time zone.</summary>
    EpochSeconds,

    /// <summary>A string in <c>yyyy-MM-dd HH:mm:ss</c> (<c>DATE_FORMAT(string, format)</c>).</summary>
    Text,
}
