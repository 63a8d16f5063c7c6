using Sluice.Sql.Ast;

namespace Sluice.Sql.Syntax;

/// <summary>Spellings of <see cref="TimeUnit"/>s.</summary>
internal static class TimeUnits
{
    private static readonly Dictionary<string, TimeUnit> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["YEAR"] = TimeUnit.Year, ["QUARTER"] = TimeUnit.Quarter, ["MONTH"] = TimeUnit.Month, ["WEEK"] = TimeUnit.Week,
        ["DAY"] = TimeUnit.Day, ["HOUR"] = TimeUnit.Hour, ["MINUTE"] = TimeUnit.Minute, ["SECOND"] = TimeUnit.Second,
        ["MILLISECOND"] = TimeUnit.Millisecond, ["MICROSECOND"] = TimeUnit.Microsecond,
        ["NANOSECOND"] = TimeUnit.Nanosecond, ["DOW"] = TimeUnit.DayOfWeek, ["DOY"] = TimeUnit.DayOfYear,
        ["ISODOW"] = TimeUnit.IsoDayOfWeek, ["ISOYEAR"] = TimeUnit.IsoYear, ["EPOCH"] = TimeUnit.Epoch,
        ["DECADE"] = TimeUnit.Decade, ["CENTURY"] = TimeUnit.Century, ["MILLENNIUM"] = TimeUnit.Millennium,
    };

    /// <summary>Plural spellings Flink accepts in interval literals (<c>INTERVAL '10' MINUTES</c>).</summary>
    private static readonly Dictionary<string, TimeUnit> Plurals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["YEARS"] = TimeUnit.Year, ["MONTHS"] = TimeUnit.Month, ["WEEKS"] = TimeUnit.Week, ["DAYS"] = TimeUnit.Day,
        ["HOURS"] = TimeUnit.Hour, ["MINUTES"] = TimeUnit.Minute, ["SECONDS"] = TimeUnit.Second,
    };

    /// <summary>The units an interval qualifier may use.</summary>
    public static bool IsIntervalUnit(TimeUnit unit) =>
        unit is TimeUnit.Year or TimeUnit.Quarter or TimeUnit.Month or TimeUnit.Week or TimeUnit.Day or TimeUnit.Hour
            or TimeUnit.Minute or TimeUnit.Second;

    /// <summary>Looks up a singular unit name.</summary>
    public static bool TryParse(string word, out TimeUnit unit) => ByName.TryGetValue(word, out unit);

    /// <summary>Looks up a singular or plural unit name.</summary>
    public static bool TryParseWithPlural(string word, out TimeUnit unit) =>
        ByName.TryGetValue(word, out unit) || Plurals.TryGetValue(word, out unit);

    /// <summary>The canonical SQL spelling of a unit.</summary>
    public static string ToSql(TimeUnit unit) => unit switch
    {
        TimeUnit.DayOfWeek => "DOW",
        TimeUnit.DayOfYear => "DOY",
        TimeUnit.IsoDayOfWeek => "ISODOW",
        TimeUnit.IsoYear => "ISOYEAR",
        _ => unit.ToString().ToUpperInvariant(),
    };
}
