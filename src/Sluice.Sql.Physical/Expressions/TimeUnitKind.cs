namespace Sluice.Sql.Physical.Expressions;

/// <summary>A time unit of <c>EXTRACT</c>, <c>FLOOR/CEIL ... TO</c>, <c>TIMESTAMPADD</c> and <c>TIMESTAMPDIFF</c>.</summary>
internal enum TimeUnitKind
{
    Year,
    Quarter,
    Month,
    Week,
    Day,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
    DayOfWeek,
    DayOfYear,
    IsoDayOfWeek,
    IsoYear,
    Epoch,
    Decade,
    Century,
    Millennium,
}
