namespace Sluice.Sql.Physical.Expressions;

/// <summary>A conversion between date-time types performed by <see cref="TemporalCastKernel"/>.</summary>
internal enum TemporalCast
{
    DateToTimestamp,
    DateToInstant,
    TimestampToDate,
    TimestampToTime,
    TimestampToInstant,
    InstantToTimestamp,
    InstantToDate,
    InstantToTime,
    TimeToTimestamp,

    /// <summary>Same kind (TIME, TIMESTAMP or TIMESTAMP_LTZ), another precision.</summary>
    Precision,
}
