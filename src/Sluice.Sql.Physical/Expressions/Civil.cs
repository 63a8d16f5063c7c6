namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Proleptic Gregorian calendar arithmetic on epoch days and epoch microseconds, allocation-free (the algorithms of
/// H. Hinnant's <c>days_from_civil</c> / <c>civil_from_days</c>). Stateless.
/// </summary>
internal static class Civil
{
    public const long MicrosPerSecond = 1_000_000L;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;
    public const long MicrosPerDay = 24 * MicrosPerHour;

    /// <summary>Days since 1970-01-01 of a date (month 1..12).</summary>
    public static int DaysFromCivil(long year, int month, int day)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = (y >= 0 ? y : y - 399) / 400;
        var yoe = y - (era * 400);
        var mp = (month + 9) % 12;
        var doy = ((153 * mp) + 2) / 5 + day - 1;
        var doe = (yoe * 365) + (yoe / 4) - (yoe / 100) + doy;
        return (int)((era * 146097) + doe - 719468);
    }

    /// <summary>The year, month (1..12) and day of epoch day <paramref name="days"/>.</summary>
    public static (int Year, int Month, int Day) CivilFromDays(long days)
    {
        var z = days + 719468;
        var era = (z >= 0 ? z : z - 146096) / 146097;
        var doe = z - (era * 146097);
        var yoe = (doe - (doe / 1460) + (doe / 36524) - (doe / 146096)) / 365;
        var y = yoe + (era * 400);
        var doy = doe - ((365 * yoe) + (yoe / 4) - (yoe / 100));
        var mp = ((5 * doy) + 2) / 153;
        var d = (int)(doy - (((153 * mp) + 2) / 5) + 1);
        var m = (int)(mp < 10 ? mp + 3 : mp - 9);
        return ((int)(m <= 2 ? y + 1 : y), m, d);
    }

    public static bool IsLeapYear(int year) => year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    public static int DaysInMonth(int year, int month) => month switch
    {
        2 => IsLeapYear(year) ? 29 : 28,
        4 or 6 or 9 or 11 => 30,
        _ => 31,
    };

    /// <summary>Floor division for a positive divisor.</summary>
    public static long FloorDiv(long value, long divisor)
    {
        var q = value / divisor;
        return value % divisor < 0 ? q - 1 : q;
    }

    /// <summary>Floor modulo for a positive divisor (0..divisor-1).</summary>
    public static long FloorMod(long value, long divisor)
    {
        var r = value % divisor;
        return r < 0 ? r + divisor : r;
    }

    /// <summary>The epoch day of a timestamp.</summary>
    public static int DayOf(long micros) => (int)FloorDiv(micros, MicrosPerDay);

    /// <summary>The microseconds since midnight of a timestamp.</summary>
    public static long TimeOfDay(long micros) => FloorMod(micros, MicrosPerDay);

    /// <summary>
    /// <paramref name="days"/> plus <paramref name="months"/> months; a day past the end of the target month becomes its
    /// last day (2024-01-31 plus one month is 2024-02-29), as Java's <c>plusMonths</c>.
    /// </summary>
    public static int AddMonths(int days, long months)
    {
        var (year, month, day) = CivilFromDays(days);
        var total = ((long)year * 12) + (month - 1) + months;
        var newYear = (int)FloorDiv(total, 12);
        var newMonth = (int)FloorMod(total, 12) + 1;
        return DaysFromCivil(newYear, newMonth, Math.Min(day, DaysInMonth(newYear, newMonth)));
    }

    /// <summary>A timestamp plus months (the time of day is kept).</summary>
    public static long AddMonthsToTimestamp(long micros, long months) =>
        ((long)AddMonths(DayOf(micros), months) * MicrosPerDay) + TimeOfDay(micros);

    /// <summary>Day of week, Sunday = 1 .. Saturday = 7 (SQL's DOW).</summary>
    public static int DayOfWeekSundayFirst(long days) => (int)FloorMod(days + 4, 7) + 1;

    /// <summary>ISO day of week, Monday = 1 .. Sunday = 7.</summary>
    public static int IsoDayOfWeek(long days) => (int)FloorMod(days + 3, 7) + 1;

    public static int DayOfYear(long days)
    {
        var (year, _, _) = CivilFromDays(days);
        return (int)(days - DaysFromCivil(year, 1, 1)) + 1;
    }

    /// <summary>The ISO-8601 week-based year and week number (weeks start on Monday; week 1 has the year's first Thursday).</summary>
    public static (int Year, int Week) IsoWeek(long days)
    {
        var thursday = days - IsoDayOfWeek(days) + 4;
        var (year, _, _) = CivilFromDays(thursday);
        var week = (int)((thursday - DaysFromCivil(year, 1, 1)) / 7) + 1;
        return (year, week);
    }

    /// <summary>
    /// Whole months from <paramref name="from"/> to <paramref name="to"/> (timestamps in microseconds), truncated
    /// toward zero: the largest <c>m</c> with <c>from + m months &lt;= to</c> (for <c>to &gt;= from</c>).
    /// </summary>
    public static long MonthsBetween(long from, long to)
    {
        if (to < from)
        {
            return -MonthsBetween(to, from);
        }

        var (y0, m0, _) = CivilFromDays(DayOf(from));
        var (y1, m1, _) = CivilFromDays(DayOf(to));
        var months = ((long)(y1 - y0) * 12) + (m1 - m0);
        while (months > 0 && AddMonthsToTimestamp(from, months) > to)
        {
            months--;
        }

        return months;
    }
}
