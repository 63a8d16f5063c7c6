using System.Globalization;
using Sluice.Core.Types;

namespace Sluice.Connectors.Postgres.Scan;

/// <summary>
/// The values of a scan's partition column and how its range [lower, upper] is cut into splits. The column may be an
/// integer, <c>DECIMAL</c>, <c>FLOAT</c>/<c>DOUBLE</c>, <c>DATE</c>, <c>TIMESTAMP</c> or <c>TIMESTAMP_LTZ</c> column
/// (Flink's "numeric, date, or timestamp column"). Values are Sluice's external values of the column's type
/// (<see cref="long"/>, <see cref="decimal"/>, <see cref="double"/>, <see cref="DateOnly"/>, <see cref="DateTime"/>,
/// <see cref="DateTimeOffset"/>). Stateless and thread-safe.
/// </summary>
internal static class PartitionBounds
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    /// <summary>True when a column of <paramref name="type"/> can partition a scan.</summary>
    public static bool IsSupported(DataType type) => type.TypeId is TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt
        or TypeId.Decimal or TypeId.Float or TypeId.Double or TypeId.Date or TypeId.Timestamp or TypeId.TimestampLtz;

    /// <summary>
    /// Parses a bound given for a partition column of <paramref name="type"/>: a number for numeric columns; for date and
    /// timestamp columns a literal (<c>2024-01-31</c>, <c>2024-01-31 12:00:00</c>, ISO 8601 with <c>T</c>; a
    /// <c>TIMESTAMP_LTZ</c> bound without an offset is UTC) or an integer, the milliseconds since 1970-01-01 00:00:00 UTC
    /// (as Flink's long bounds are bound to such columns).
    /// </summary>
    /// <returns>The bound, or null when the text is not a value of the type.</returns>
    public static object? Parse(string text, DataType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(type);
        var inv = CultureInfo.InvariantCulture;
        text = text.Trim();
        var isMillis = long.TryParse(text, NumberStyles.AllowLeadingSign, inv, out var millis);
        switch (type.TypeId)
        {
            case TypeId.TinyInt or TypeId.SmallInt or TypeId.Int or TypeId.BigInt:
                return isMillis ? millis : null;
            case TypeId.Decimal:
                return decimal.TryParse(text, NumberStyles.Float, inv, out var number) ? number : null;
            case TypeId.Float or TypeId.Double:
                return double.TryParse(text, NumberStyles.Float, inv, out var real) && double.IsFinite(real) ? real : null;
            case TypeId.Date:
                if (isMillis)
                {
                    return DateOnly.FromDateTime(FromMillis(millis).UtcDateTime);
                }

                return DateOnly.TryParseExact(text, "yyyy-MM-dd", inv, DateTimeStyles.None, out var date) ? date : null;
            case TypeId.Timestamp:
                if (isMillis)
                {
                    return DateTime.SpecifyKind(FromMillis(millis).UtcDateTime, DateTimeKind.Unspecified);
                }

                return DateTime.TryParseExact(text, TimestampFormats, inv, DateTimeStyles.None, out var timestamp) ? timestamp : null;
            case TypeId.TimestampLtz:
                if (isMillis)
                {
                    return FromMillis(millis);
                }

                if (DateTimeOffset.TryParse(text, inv, DateTimeStyles.AssumeUniversal, out var instant))
                {
                    return instant.ToUniversalTime();
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Compares two bounds of the same column.</summary>
    public static int Compare(object left, object right) => (left, right) switch
    {
        (long a, long b) => a.CompareTo(b),
        (decimal a, decimal b) => a.CompareTo(b),
        (double a, double b) => a.CompareTo(b),
        (DateOnly a, DateOnly b) => a.CompareTo(b),
        (DateTime a, DateTime b) => a.CompareTo(b),
        (DateTimeOffset a, DateTimeOffset b) => a.UtcTicks.CompareTo(b.UtcTicks),
        _ => throw new ArgumentException($"Cannot compare partition bounds {left} and {right}."),
    };

    /// <summary>
    /// The values at which [<paramref name="lower"/>, <paramref name="upper"/>] is cut into at most
    /// <paramref name="count"/> ranges of (nearly) equal width, in ascending order: split <c>i</c> holds the values from cut
    /// <c>i - 1</c> (inclusive) below cut <c>i</c> (exclusive). Discrete columns (integers, dates) get no more ranges than
    /// they have values in the bounds; timestamps are cut at whole microseconds (PostgreSQL's precision).
    /// </summary>
    public static IReadOnlyList<object> Cuts(object lower, object upper, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        switch (lower, upper)
        {
            case (long a, long b):
                return DiscreteCuts(a, b, count).Select(c => (object)(long)c).ToList();
            case (DateOnly a, DateOnly b):
                return DiscreteCuts(a.DayNumber, b.DayNumber, count).Select(c => (object)DateOnly.FromDayNumber((int)c)).ToList();
            case (DateTime a, DateTime b):
                return DiscreteCuts(a.Ticks / 10, b.Ticks / 10, count)
                    .Select(c => (object)new DateTime((long)c * 10, DateTimeKind.Unspecified)).ToList();
            case (DateTimeOffset a, DateTimeOffset b):
                return DiscreteCuts(a.UtcTicks / 10, b.UtcTicks / 10, count)
                    .Select(c => (object)new DateTimeOffset((long)c * 10, TimeSpan.Zero)).ToList();
            case (decimal a, decimal b):
                var width = (b - a) / count;
                return width == 0 ? [] : Enumerable.Range(1, count - 1).Select(i => (object)(a + (width * i))).Distinct().ToList();
            case (double a, double b):
                var step = (b - a) / count;
                return step <= 0 ? [] : Enumerable.Range(1, count - 1).Select(i => (object)(a + (step * i))).Distinct().ToList();
            default:
                throw new ArgumentException($"Unsupported partition bounds {lower} and {upper}.", nameof(lower));
        }
    }

    /// <summary>Cuts the values lower..upper (inclusive) into at most <paramref name="count"/> runs of equal length (the first ones one longer).</summary>
    private static List<Int128> DiscreteCuts(long lower, long upper, int count)
    {
        var total = (Int128)upper - lower + 1;
        if (total < count)
        {
            count = (int)Math.Max(1, (long)total);
        }

        var size = total / count;
        var remainder = total % count;
        var cuts = new List<Int128>(count - 1);
        var start = (Int128)lower;
        for (var i = 0; i < count - 1; i++)
        {
            start += size + (i < remainder ? 1 : 0);
            cuts.Add(start);
        }

        return cuts;
    }

    private static DateTimeOffset FromMillis(long millis) => DateTimeOffset.UnixEpoch.AddMilliseconds(millis);
}
