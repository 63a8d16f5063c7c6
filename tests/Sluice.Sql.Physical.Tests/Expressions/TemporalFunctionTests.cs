using System.Globalization;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Expressions;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Expressions.SqlExpressions;

namespace Sluice.Sql.Physical.Tests.Expressions;

/// <summary>
/// Date-time functions against System.DateTime references, hand-derived values and Flink's documented examples; the
/// session time zone and clock come from an <see cref="ExpressionEnvironment"/> (g DATE, h TIMESTAMP(3),
/// i TIMESTAMP_LTZ(3), j TIME(3)).
/// </summary>
public sealed class TemporalFunctionTests
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static ExpressionEnvironment Zone(string id, TimeProvider? clock = null) =>
        new(ExpressionEnvironment.ParseTimeZone(id), clock ?? TimeProvider.System);

    private static DateTime? H(object?[] v) => v[11] as DateTime?;

    private static DateOnly? G(object?[] v) => v[10] as DateOnly?;

    private static DateTimeOffset? I(object?[] v) => v[12] as DateTimeOffset?;

    [Fact]
    public void CastsToStringUseFlinksTextForms()
    {
        Matches("CAST(h AS STRING)", v => H(v)?.ToString("yyyy-MM-dd HH:mm:ss.fff", Invariant));
        Matches("CAST(g AS STRING)", v => G(v)?.ToString("yyyy-MM-dd", Invariant));
        Matches("CAST(j AS STRING)", v => v[13] is TimeOnly t
            ? t.ToString("HH:mm:ss", Invariant) + (t.Millisecond == 0 ? "" : "." + t.Millisecond.ToString("000", Invariant).TrimEnd('0'))
            : null);
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Matches("CAST(i AS STRING)", v => I(v) is { } x ? TimeZoneInfo.ConvertTime(x, tokyo).ToString("yyyy-MM-dd HH:mm:ss.fff", Invariant) : null,
            environment: Zone("Asia/Tokyo"));
        Assert.Equal("2024-01-01 10:00:00", Value("CAST(TIMESTAMP '2024-01-01 10:00:00' AS STRING)"));
        Assert.Equal("2024-01-01 10:00:00.123", Value("CAST(TIMESTAMP '2024-01-01 10:00:00.123' AS STRING)"));
        Assert.Equal("2024-01-01 10:00:00.000", Value("CAST(CAST(TIMESTAMP '2024-01-01 10:00:00' AS TIMESTAMP(3)) AS STRING)"));
        Assert.Equal("2024-01-01 10:00:00.120000", Value("CAST(CAST(TIMESTAMP '2024-01-01 10:00:00.12' AS TIMESTAMP(6)) AS STRING)"));
        Assert.Equal("+1 02:03:04.000", Value("CAST(INTERVAL '1 02:03:04' DAY TO SECOND AS STRING)"));
        Assert.Equal("+1-02", Value("CAST(INTERVAL '1-2' YEAR TO MONTH AS STRING)"));
        Assert.Equal("-0 01:30:00.000", Value("CAST(-INTERVAL '90' MINUTE AS STRING)"));
    }

    [Fact]
    public void CastsFromStringsAndBetweenDateTimeTypes()
    {
        Assert.Equal(new DateTime(2024, 1, 1, 10, 0, 0, 123), Value("CAST('2024-01-01 10:00:00.123' AS TIMESTAMP(3))"));
        Assert.Equal(new DateTime(2024, 1, 5), Value("CAST(' 2024-1-5 ' AS TIMESTAMP(3))"));
        Assert.Equal(new DateTime(2024, 1, 1, 10, 0, 0, 123), Value("CAST('2024-01-01T10:00:00.123456' AS TIMESTAMP(3))"));
        Assert.Equal(new DateOnly(2024, 2, 29), Value("CAST('2024-02-29' AS DATE)"));
        Assert.Equal(new TimeOnly(10, 5, 7), Value("CAST('10:05:07' AS TIME)"));
        Assert.Null(Value("TRY_CAST('2023-02-29' AS DATE)"));
        var error = Assert.Throws<SluiceException>(() => Value("CAST('2024-13-01' AS DATE)"));
        Assert.Equal(ErrorDomain.User, error.Domain);
        Assert.Contains("'2024-13-01'", error.Message, StringComparison.Ordinal);
        Assert.Contains("DATE", error.Message, StringComparison.Ordinal);
        Matches("CAST(h AS DATE)", v => H(v) is { } x ? DateOnly.FromDateTime(x) : null);
        Matches("CAST(h AS TIME(3))", v => H(v) is { } x ? TimeOnly.FromDateTime(x) : null);
        Matches("CAST(g AS TIMESTAMP(3))", v => G(v) is { } x ? x.ToDateTime(TimeOnly.MinValue) : null);
        Matches("CAST(h AS TIMESTAMP(0))", v => H(v) is { } x ? x.AddTicks(-(x.Ticks % TimeSpan.TicksPerSecond)) : null);
        Matches("CAST(CAST(h AS STRING) AS TIMESTAMP(3))", v => H(v));
    }

    [Fact]
    public void TimestampLtzConvertsThroughTheSessionTimeZone()
    {
        var berlin = Zone("Europe/Berlin");
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), Value("CAST(TIMESTAMP '2024-01-01 10:00:00' AS TIMESTAMP_LTZ(3))", berlin));
        // A wall-clock time in the spring-forward gap moves forward by the gap (02:30 → 03:30 CEST), as Java does.
        Assert.Equal(new DateTimeOffset(2024, 3, 31, 1, 30, 0, TimeSpan.Zero), Value("CAST(TIMESTAMP '2024-03-31 02:30:00' AS TIMESTAMP_LTZ(3))", berlin));
        // A wall-clock time in the autumn overlap takes the earlier instant (02:30 CEST).
        Assert.Equal(new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero), Value("CAST(TIMESTAMP '2024-10-27 02:30:00' AS TIMESTAMP_LTZ(3))", berlin));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 9, 0, 0, TimeSpan.Zero), Value("TIMESTAMP_LTZ '2024-01-01 10:00:00'", berlin));
        Assert.Equal(new DateTime(2024, 7, 1, 2, 0, 0), Value("CAST(CAST(TIMESTAMP '2024-07-01 02:00:00' AS TIMESTAMP_LTZ(3)) AS TIMESTAMP(3))", berlin));
        Assert.Equal(new DateOnly(2024, 1, 1), Value("CAST(TO_TIMESTAMP_LTZ(1704063600000, 3) AS DATE)", berlin));
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        Matches("CAST(i AS TIMESTAMP(3))", v => I(v) is { } x ? TimeZoneInfo.ConvertTime(x, shanghai).DateTime : null, environment: Zone("Asia/Shanghai"));
        Matches("CAST(CAST(i AS TIMESTAMP(3)) AS TIMESTAMP_LTZ(3))", v => I(v), environment: Zone("Asia/Shanghai"));
    }

    [Fact]
    public void DateFormatUsesJavaPatterns()
    {
        Matches("DATE_FORMAT(h, 'yyyy-MM-dd HH:mm:ss')", v => H(v)?.ToString("yyyy-MM-dd HH:mm:ss", Invariant));
        Matches("DATE_FORMAT(h, 'yy/M/d EEE MMM hh a, SSS')", v => H(v)?.ToString("yy/M/d ddd MMM hh tt, fff", Invariant));
        Matches("DATE_FORMAT(h, 'EEEE d MMMM yyyy ''at'' H:mm')", v => H(v)?.ToString("dddd d MMMM yyyy 'at' H:mm", Invariant));
        Matches("DATE_FORMAT(h, 'D')", v => H(v)?.DayOfYear.ToString(Invariant));
        var tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
        Matches("DATE_FORMAT(i, 'yyyy-MM-dd HH:mm:ss XXX')", v => I(v) is { } x ? TimeZoneInfo.ConvertTime(x, tokyo).ToString("yyyy-MM-dd HH:mm:ss", Invariant) + " +09:00" : null,
            environment: Zone("Asia/Tokyo"));
        Assert.Equal("2024/01/02", Value("DATE_FORMAT('2024-01-02 03:04:05', 'yyyy/MM/dd')"));
        Assert.Null(Value("DATE_FORMAT('bad', 'yyyy/MM/dd')"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Compile("DATE_FORMAT(h, 'yyyy-MM-dd bb')")).Domain);
    }

    [Fact]
    public void DateFormatOfClusteredTimesMatchesEveryRow()
    {
        // Times in runs that mostly share their day, hour or second (as a stream's do), crossing each unit's boundary
        // forwards and backwards, before and after the epoch and across Berlin's daylight-saving changes; two batches
        // in a row through one compiled expression, so the text kept from the previous row and batch is checked too.
        var random = new Random(7);
        var starts = new[] { new DateTime(1969, 12, 31, 23, 59, 58), new DateTime(2024, 3, 31, 0, 30, 0), new DateTime(2024, 10, 27, 0, 0, 0) };
        var batches = starts.Select(start =>
        {
            using var builder = new RecordBatchBuilder(RandomBatches.Schema);
            var time = start;
            for (var row = 0; row < 400; row++)
            {
                time = random.Next(10) switch
                {
                    0 => time.AddHours(random.Next(1, 5)),
                    1 => time.AddMinutes(-random.Next(1, 90)),
                    2 => time.AddDays(random.Next(-1, 2)),
                    _ => time.AddMilliseconds(random.Next(0, 2500)),
                };
                var values = new object?[RandomBatches.Schema.Count];
                values[11] = row % 37 == 5 ? null : time;
                values[12] = new DateTimeOffset(time, TimeSpan.Zero);
                builder.AppendRow(values);
            }

            return builder.Build();
        }).ToList();
        var berlinZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var cases = new (string Sql, Func<object?[], string?> Reference, ExpressionEnvironment? Environment)[]
        {
            ("DATE_FORMAT(h, 'yyyy-MM-dd')", v => H(v)?.ToString("yyyy-MM-dd", Invariant), null),
            ("DATE_FORMAT(h, 'yyyy-MM-dd HH')", v => H(v)?.ToString("yyyy-MM-dd HH", Invariant), null),
            ("DATE_FORMAT(h, 'dd.MM.yy hh:mm a')", v => H(v)?.ToString("dd.MM.yy hh:mm tt", Invariant), null),
            ("DATE_FORMAT(h, 'yyyy-MM-dd HH:mm:ss')", v => H(v)?.ToString("yyyy-MM-dd HH:mm:ss", Invariant), null),
            ("DATE_FORMAT(h, 'HH:mm:ss.SSS')", v => H(v)?.ToString("HH:mm:ss.fff", Invariant), null),
            ("DATE_FORMAT(i, 'yyyy-MM-dd HH:mm XXX')",
                v => I(v) is { } x ? TimeZoneInfo.ConvertTime(x, berlinZone).ToString("yyyy-MM-dd HH:mm zzz", Invariant) : null,
                Zone("Europe/Berlin")),
        };
        foreach (var (sql, reference, environment) in cases)
        {
            var compiled = Compile(sql, environment);
            foreach (var batch in batches)
            {
                using var result = compiled.Evaluate(batch);
                for (var row = 0; row < batch.PhysicalRowCount; row++)
                {
                    var values = Row(batch, row);
                    Assert.True(Equals(reference(values), result.GetValue(row)),
                        $"{sql}, row {row}: expected {Show(reference(values))}, got {Show(result.GetValue(row))}");
                }
            }
        }

        foreach (var batch in batches)
        {
            batch.Dispose();
        }
    }

    [Fact]
    public void ExtractAndItsShorthands()
    {
        Matches("EXTRACT(YEAR FROM h)", v => (long?)H(v)?.Year);
        Matches("EXTRACT(QUARTER FROM h)", v => H(v) is { } x ? (long)((x.Month + 2) / 3) : null);
        Matches("EXTRACT(MONTH FROM g)", v => (long?)G(v)?.Month);
        Matches("EXTRACT(DAY FROM h)", v => (long?)H(v)?.Day);
        Matches("EXTRACT(HOUR FROM h)", v => (long?)H(v)?.Hour);
        Matches("EXTRACT(MINUTE FROM j)", v => v[13] is TimeOnly t ? (long)t.Minute : null);
        Matches("EXTRACT(SECOND FROM h)", v => (long?)H(v)?.Second);
        Matches("EXTRACT(MILLISECOND FROM h)", v => (long?)H(v)?.Millisecond);
        Matches("EXTRACT(DOW FROM h)", v => H(v) is { } x ? (long)x.DayOfWeek + 1 : null);
        Matches("EXTRACT(ISODOW FROM g)", v => G(v) is { } x ? (long)(x.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)x.DayOfWeek) : null);
        Matches("EXTRACT(DOY FROM h)", v => (long?)H(v)?.DayOfYear);
        Matches("EXTRACT(WEEK FROM h)", v => H(v) is { } x ? (long)ISOWeek.GetWeekOfYear(x) : null);
        Matches("EXTRACT(ISOYEAR FROM g)", v => G(v) is { } x ? (long)ISOWeek.GetYear(x.ToDateTime(TimeOnly.MinValue)) : null);
        Matches("EXTRACT(DECADE FROM h)", v => H(v) is { } x ? (long)(x.Year / 10) : null);
        Matches("EXTRACT(CENTURY FROM h)", v => H(v) is { } x ? (long)((x.Year + 99) / 100) : null);
        // Flink divides the epoch milliseconds by 1000 (toward zero).
        Matches("EXTRACT(EPOCH FROM h)", v => H(v) is { } x ? (x - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond : null);
        Matches("YEAR(g)", v => (long?)G(v)?.Year);
        Matches("DAYOFWEEK(h)", v => H(v) is { } x ? (long)x.DayOfWeek + 1 : null);
        Matches("DAYOFMONTH(h)", v => (long?)H(v)?.Day);
        Matches("WEEK(g)", v => G(v) is { } x ? (long)ISOWeek.GetWeekOfYear(x.ToDateTime(TimeOnly.MinValue)) : null);
        Matches("HOUR(i)", v => I(v) is { } x ? (long)x.ToOffset(TimeSpan.FromHours(9)).Hour : null, environment: Zone("Asia/Tokyo"));
        Assert.Equal(26L % 24, Value("EXTRACT(HOUR FROM INTERVAL '26' HOUR)"));
        Assert.Equal(1L, Value("EXTRACT(DAY FROM INTERVAL '26' HOUR)"));
        Assert.Equal(2L, Value("EXTRACT(MONTH FROM INTERVAL '1-2' YEAR TO MONTH)"));
    }

    [Theory]
    [InlineData("SECOND")]
    [InlineData("MINUTE")]
    [InlineData("HOUR")]
    [InlineData("DAY")]
    [InlineData("WEEK")]
    [InlineData("MONTH")]
    [InlineData("QUARTER")]
    [InlineData("YEAR")]
    public void FloorAndCeilToAUnit(string unit)
    {
        Matches($"FLOOR(h TO {unit})", v => H(v) is { } x ? Floor(x, unit) : null);
        Matches($"CEIL(h TO {unit})", v => H(v) is { } x ? (Floor(x, unit) == x ? x : Next(Floor(x, unit), unit)) : null);
        Matches($"FLOOR(g TO {unit})", v => G(v) is { } x && unit is not ("SECOND" or "MINUTE" or "HOUR") ? DateOnly.FromDateTime(Floor(x.ToDateTime(TimeOnly.MinValue), unit)) : G(v));
    }

    [Fact]
    public void FloorAndCeilOfTimesAndDates()
    {
        Assert.Equal(new TimeOnly(10, 0), Value("FLOOR(TIME '10:20:30' TO HOUR)"));
        Assert.Equal(new TimeOnly(11, 0), Value("CEIL(TIME '10:20:30' TO HOUR)"));
        Assert.Equal(new TimeOnly(0, 0), Value("CEIL(TIME '23:20:30' TO HOUR)"));
        Assert.Equal(new DateOnly(2024, 1, 1), Value("FLOOR(DATE '2024-05-17' TO YEAR)"));
        Assert.Equal(new DateOnly(2025, 1, 1), Value("CEIL(DATE '2024-05-17' TO YEAR)"));
        Assert.Equal(new DateOnly(2024, 5, 12), Value("FLOOR(DATE '2024-05-17' TO WEEK)"));
        Assert.Equal(new DateOnly(2001, 1, 1), Value("FLOOR(DATE '2024-05-17' TO CENTURY)"));
        Assert.Equal(new DateTime(2024, 4, 1), Value("FLOOR(TIMESTAMP '2024-05-17 10:00:00' TO QUARTER)"));
        Assert.Equal(new DateTime(2024, 5, 17), Value("CEIL(TIMESTAMP '2024-05-17 00:00:00' TO DAY)"));
    }

    [Fact]
    public void IntervalArithmetic()
    {
        Matches("g + INTERVAL '1' MONTH", v => G(v)?.AddMonths(1));
        Matches("g - INTERVAL '10' DAY", v => G(v)?.AddDays(-10));
        Matches("h + INTERVAL '1-2' YEAR TO MONTH", v => H(v)?.AddMonths(14));
        Matches("h - INTERVAL '1:30' HOUR TO MINUTE", v => H(v)?.AddMinutes(-90));
        Matches("INTERVAL '2' DAY + h", v => H(v)?.AddDays(2));
        Matches("j + INTERVAL '23' HOUR", v => v[13] is TimeOnly t ? t.AddHours(23) : null);
        Matches("g + INTERVAL '25' HOUR", v => G(v)?.AddDays(1));
        Assert.Equal(new DateOnly(2024, 2, 29), Value("DATE '2024-01-31' + INTERVAL '1' MONTH"));
        Assert.Equal(new DateOnly(2023, 2, 28), Value("DATE '2024-02-29' - INTERVAL '1' YEAR"));
        Assert.Equal(TimeSpan.FromHours(3), Value("INTERVAL '1' HOUR * 3"));
        Assert.Equal(TimeSpan.FromMinutes(30), Value("INTERVAL '1' HOUR / 2"));
        Assert.Equal(15, Value("INTERVAL '1' YEAR + INTERVAL '3' MONTH"));
        Assert.Equal(TimeSpan.FromHours(-1), Value("-INTERVAL '1' HOUR"));
        Assert.Equal(true, Value("INTERVAL '1' DAY > INTERVAL '23' HOUR"));
    }

    [Fact]
    public void TimestampAddAndDiff()
    {
        Matches("TIMESTAMPADD(MONTH, a, g)", v => G(v) is { } x && v[0] is int a ? x.AddMonths(a) : null);
        Matches("TIMESTAMPADD(HOUR, a, h)", v => H(v) is { } x && v[0] is int a ? x.AddHours(a) : null);
        Matches("TIMESTAMPADD(WEEK, 2, h)", v => H(v)?.AddDays(14));
        Matches("TIMESTAMPDIFF(DAY, h, CAST(g AS TIMESTAMP(3)))", v => H(v) is { } x && G(v) is { } y
            ? (int)((y.ToDateTime(TimeOnly.MinValue) - x).Ticks / TimeSpan.TicksPerDay) : null);
        Matches("TIMESTAMPDIFF(MONTH, h, CAST(g AS TIMESTAMP(3)))", v => H(v) is { } x && G(v) is { } y ? MonthsBetween(x, y.ToDateTime(TimeOnly.MinValue)) : null);
        Matches("TIMESTAMPDIFF(YEAR, g, h)", v => H(v) is { } x && G(v) is { } y ? MonthsBetween(y.ToDateTime(TimeOnly.MinValue), x) / 12 : null);
        // Flink documentation: TIMESTAMPDIFF(DAY, TIMESTAMP '2003-01-02 10:00:00', TIMESTAMP '2003-01-03 10:00:00') leads to 1.
        Assert.Equal(1, Value("TIMESTAMPDIFF(DAY, TIMESTAMP '2003-01-02 10:00:00', TIMESTAMP '2003-01-03 10:00:00')"));
        // Flink counts the months m with from + m months <= to: 2024-01-31 plus one month is 2024-02-29.
        Assert.Equal(1, Value("TIMESTAMPDIFF(MONTH, DATE '2024-01-31', DATE '2024-02-29')"));
        Assert.Equal(0, Value("TIMESTAMPDIFF(MONTH, DATE '2024-01-31', DATE '2024-02-28')"));
        Assert.Equal(-1, Value("TIMESTAMPDIFF(MONTH, DATE '2024-03-31', DATE '2024-02-29')"));
        Assert.Equal(new DateOnly(2024, 2, 29), Value("TIMESTAMPADD(MONTH, 1, DATE '2024-01-31')"));
    }

    [Fact]
    public void ParsingAndUnixTime()
    {
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5), Value("TO_TIMESTAMP('2024-01-02 03:04:05')"));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, 6), Value("TO_TIMESTAMP('2024-01-02 03:04:05.006789')"));
        Assert.Equal(new DateTime(2024, 1, 2), Value("TO_TIMESTAMP('02/01/2024', 'dd/MM/yyyy')"));
        Assert.Equal(new DateTime(1999, 9, 10, 5, 20, 10), Value("TO_TIMESTAMP('1999-9-10 05:20:10', 'yyyy-MM-dd HH:mm:ss')"));
        Assert.Null(Value("TO_TIMESTAMP('nonsense')"));
        Assert.Equal(new DateOnly(2024, 1, 2), Value("TO_DATE('2024-01-02')"));
        Assert.Equal(new DateOnly(2024, 1, 2), Value("TO_DATE('20240102', 'yyyyMMdd')"));
        Assert.Null(Value("TO_DATE('2024-02-30')"));
        Assert.Equal(1704067200L, Value("UNIX_TIMESTAMP('2024-01-01 00:00:00')"));
        Assert.Equal(1704038400L, Value("UNIX_TIMESTAMP('2024-01-01 00:00:00')", Zone("Asia/Shanghai")));
        Assert.Equal(1704067200L, Value("UNIX_TIMESTAMP('2024-01-01 08:00:00 +0800', 'yyyy-MM-dd HH:mm:ss X')", Zone("Asia/Shanghai")));
        // Flink: a string that does not parse gives Long.MIN_VALUE.
        Assert.Equal(long.MinValue, Value("UNIX_TIMESTAMP('not a time')"));
        Assert.Equal("1970-01-01 00:00:00", Value("FROM_UNIXTIME(0)"));
        Assert.Equal("1970-01-01 08:00:00", Value("FROM_UNIXTIME(0)", Zone("Asia/Shanghai")));
        Assert.Equal("1970/01/02", Value("FROM_UNIXTIME(86400, 'yyyy/MM/dd')"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ(1704067200, 0)"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ(1704067200123, 3)"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 500, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ(CAST(1704067200.5 AS DOUBLE), 0)"));
        // A DECIMAL number of seconds drops its fraction (Flink: setScale(0, DOWN)).
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ(1704067200.5, 0)"));
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, 123, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ(1704067200123)"));
        Assert.Equal(new DateTimeOffset(2023, 12, 31, 16, 0, 0, TimeSpan.Zero), Value("TO_TIMESTAMP_LTZ('2024-01-01 00:00:00', 'yyyy-MM-dd HH:mm:ss', 'Asia/Shanghai')"));
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => Compile("TO_TIMESTAMP_LTZ(c, 2)")).Domain);
        Matches("FROM_UNIXTIME(c)", v => v[2] is long x ? DateTime.UnixEpoch.AddSeconds(x).ToString("yyyy-MM-dd HH:mm:ss", Invariant) : null);
        // The default pattern has no fraction: the parse stops before it (SimpleDateFormat ignores trailing text).
        Matches("UNIX_TIMESTAMP(CAST(h AS STRING))", v => H(v) is { } x
            ? (x.AddTicks(-(x.Ticks % TimeSpan.TicksPerSecond)) - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond
            : null);
    }

    [Fact]
    public void ConvertTzFollowsFlinksExample()
    {
        // Flink documentation: CONVERT_TZ('1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles') returns '1969-12-31 16:00:00'.
        Assert.Equal("1969-12-31 16:00:00", Value("CONVERT_TZ('1970-01-01 00:00:00', 'UTC', 'America/Los_Angeles')"));
        Assert.Equal("1970-01-01 09:00:00", Value("CONVERT_TZ('1970-01-01 00:00:00', 'GMT', 'GMT+09:00')"));
        Assert.Null(Value("CONVERT_TZ('x', 'UTC', 'UTC')"));
    }

    [Fact]
    public void ClockFunctionsReadTheEnvironmentsClockOncePerBatch()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2024, 3, 10, 15, 30, 45, 678, TimeSpan.Zero));
        var tokyo = Zone("Asia/Tokyo", clock);
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 45, 678, TimeSpan.Zero), Value("CURRENT_TIMESTAMP", tokyo));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 45, 678, TimeSpan.Zero), Value("NOW()", tokyo));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 45, 678, TimeSpan.Zero), Value("PROCTIME()", tokyo));
        Assert.Equal(new DateTime(2024, 3, 11, 0, 30, 45, 678), Value("LOCALTIMESTAMP", tokyo));
        Assert.Equal(new DateOnly(2024, 3, 11), Value("CURRENT_DATE", tokyo));
        Assert.Equal(new TimeOnly(0, 30, 45), Value("CURRENT_TIME", tokyo));
        Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 45, TimeSpan.Zero).ToUnixTimeSeconds(), Value("UNIX_TIMESTAMP()", tokyo));
        Assert.Equal("2024-03-11 00:30:45.678", Value("CAST(CURRENT_TIMESTAMP AS STRING)", tokyo));

        var compiled = Compile("CURRENT_TIMESTAMP", tokyo);
        using var first = RandomBatches.Create(0, rows: 70);
        var before = Values(compiled, first);
        Assert.All(before, value => Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 45, 678, TimeSpan.Zero), value));
        clock.Advance(TimeSpan.FromSeconds(1));
        using var second = RandomBatches.Create(1, rows: 3);
        Assert.All(Values(compiled, second), value => Assert.Equal(new DateTimeOffset(2024, 3, 10, 15, 30, 46, 678, TimeSpan.Zero), value));
    }

    [Fact]
    public void SessionTimeZonesParseFlinksForms()
    {
        Assert.Equal(TimeSpan.FromHours(8), ExpressionEnvironment.ParseTimeZone("GMT+08:00").BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(-3), ExpressionEnvironment.ParseTimeZone("UTC-3").BaseUtcOffset);
        Assert.Equal(TimeSpan.FromMinutes(330), ExpressionEnvironment.ParseTimeZone("+05:30").BaseUtcOffset);
        Assert.Equal(TimeZoneInfo.Utc, ExpressionEnvironment.ParseTimeZone("UTC"));
        Assert.Equal(TimeZoneInfo.Utc, ExpressionEnvironment.ParseTimeZone("default"));
        Assert.Equal("Europe/Berlin", ExpressionEnvironment.ParseTimeZone("Europe/Berlin").Id);
        Assert.Equal(ErrorDomain.User, Assert.Throws<SluiceException>(() => ExpressionEnvironment.ParseTimeZone("Mars/Olympus")).Domain);
        Assert.Throws<ArgumentNullException>(() => new ExpressionEnvironment(null!, TimeProvider.System));
    }

    private static DateTime Floor(DateTime x, string unit) => unit switch
    {
        "SECOND" => new DateTime(x.Year, x.Month, x.Day, x.Hour, x.Minute, x.Second),
        "MINUTE" => new DateTime(x.Year, x.Month, x.Day, x.Hour, x.Minute, 0),
        "HOUR" => new DateTime(x.Year, x.Month, x.Day, x.Hour, 0, 0),
        "DAY" => x.Date,
        "WEEK" => x.Date.AddDays(-(int)x.DayOfWeek),
        "MONTH" => new DateTime(x.Year, x.Month, 1),
        "QUARTER" => new DateTime(x.Year, ((x.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateTime(x.Year, 1, 1),
    };

    private static DateTime Next(DateTime floor, string unit) => unit switch
    {
        "SECOND" => floor.AddSeconds(1),
        "MINUTE" => floor.AddMinutes(1),
        "HOUR" => floor.AddHours(1),
        "DAY" => floor.AddDays(1),
        "WEEK" => floor.AddDays(7),
        "MONTH" => floor.AddMonths(1),
        "QUARTER" => floor.AddMonths(3),
        _ => floor.AddYears(1),
    };

    private static int MonthsBetween(DateTime from, DateTime to)
    {
        if (to < from)
        {
            return -MonthsBetween(to, from);
        }

        var months = 0;
        while (from.AddMonths(months + 1) <= to)
        {
            months++;
        }

        return months;
    }
}
