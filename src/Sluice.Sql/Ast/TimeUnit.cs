namespace Sluice.Sql.Ast;

/// <summary>
/// A date-time unit, as used by intervals, <c>EXTRACT</c>, <c>FLOOR/CEIL ... TO</c>, <c>TIMESTAMPADD</c> and
/// <c>TIMESTAMPDIFF</c>.
/// </summary>
public enum TimeUnit
{
    /// <summary><c>YEAR</c>.</summary>
    Year,

    /// <summary><c>QUARTER</c>.</summary>
    Quarter,

    /// <summary><c>MONTH</c>.</summary>
    Month,

    /// <summary><c>WEEK</c>.</summary>
    Week,

    /// <summary><c>DAY</c>.</summary>
    Day,

    /// <summary><c>HOUR</c>.</summary>
    Hour,

    /// <summary><c>MINUTE</c>.</summary>
    Minute,

    /// <summary><c>SECOND</c>.</summary>
    Second,

    /// <summary><c>MILLISECOND</c>.</summary>
    Millisecond,

    /// <summary><c>MICROSECOND</c>.</summary>
    Microsecond,

    /// <summary><c>NANOSECOND</c>.</summary>
    Nanosecond,

    /// <summary><c>DOW</c>.</summary>
    DayOfWeek,

    /// <summary><c>DOY</c>.</summary>
    DayOfYear,

    /// <summary><c>ISODOW</c>.</summary>
    IsoDayOfWeek,

    /// <summary><c>ISOYEAR</c>.</summary>
    IsoYear,

    /// <summary><c>EPOCH</c>.</summary>
    Epoch,

    /// <summary><c>DECADE</c>.</summary>
    Decade,

    /// <summary><c>CENTURY</c>.</summary>
    Century,

    /// <summary><c>MILLENNIUM</c>.</summary>
    Millennium,
}
