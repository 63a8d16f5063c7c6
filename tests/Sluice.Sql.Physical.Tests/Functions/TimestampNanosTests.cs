using Sluice.Core.Errors;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// <c>TIMESTAMP(p)</c> and <c>TIMESTAMP_LTZ(p)</c> with p = 7..9 keep nanoseconds (stored as nanoseconds since 1970,
/// see docs/reference/sql.md, "Data types"): literals, casts, comparisons across precisions, arithmetic, EXTRACT,
/// FLOOR/CEIL, DATE_FORMAT, GROUP BY and JOIN keys all see every digit; values outside 1677-09-21 .. 2262-04-11 are
/// errors (or NULL for TRY_CAST). Expected values follow from the SQL semantics (Flink truncates toward the earlier
/// instant when a precision is lowered).
/// </summary>
public sealed class TimestampNanosTests
{
    private static async Task<string> ValueAsync(string expression)
    {
        var result = await SqlScriptRunner.RunAsync($"SELECT {expression} AS v;");
        return Assert.Single(result.Final);
    }

    private static string Messages(Exception error)
    {
        var text = new System.Text.StringBuilder();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            text.Append(e.Message).Append(" | ");
        }

        return text.ToString();
    }

    [Theory]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123456789' AS STRING)", "[2024-01-01 10:00:00.123456789]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.1234567' AS STRING)", "[2024-01-01 10:00:00.1234567]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.000000001' AS STRING)", "[2024-01-01 10:00:00.000000001]")]
    [InlineData("CAST(TIMESTAMP '1969-12-31 23:59:59.999999999' AS STRING)", "[1969-12-31 23:59:59.999999999]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.120000000' AS STRING)", "[2024-01-01 10:00:00.120000000]")]
    [InlineData("CAST(CAST('2024-01-01 10:00:00.000000999' AS TIMESTAMP(9)) AS STRING)", "[2024-01-01 10:00:00.000000999]")]
    [InlineData("CAST(CAST('2024-01-01 10:00:00.987654321' AS TIMESTAMP_LTZ(9)) AS STRING)", "[2024-01-01 10:00:00.987654321]")]
    [InlineData("CAST(CAST('2024-01-01 10:00:00.987654321' AS TIMESTAMP(8)) AS STRING)", "[2024-01-01 10:00:00.98765432]")]
    [InlineData("CAST(TIMESTAMP_LTZ '2024-01-01 10:00:00.123456789' AS STRING)", "[2024-01-01 10:00:00.123456789]")]
    public async Task Values_KeepEveryDigit(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync(expression));

    [Theory]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789' = TIMESTAMP '2024-01-01 10:00:00.123456001'", "[FALSE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789' > TIMESTAMP '2024-01-01 10:00:00.123456001'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123457' > TIMESTAMP '2024-01-01 10:00:00.123456999'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123' = TIMESTAMP '2024-01-01 10:00:00.123000000'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123' < TIMESTAMP '2024-01-01 10:00:00.123000001'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.124' > TIMESTAMP '2024-01-01 10:00:00.123999999'", "[TRUE]")]
    [InlineData("TIMESTAMP '1969-12-31 23:59:59.999' < TIMESTAMP '1969-12-31 23:59:59.999000001'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.5' IN (TIMESTAMP '2024-01-01 10:00:00.500000000', TIMESTAMP '2024-01-01 10:00:00.1')", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.000000001' BETWEEN TIMESTAMP '2024-01-01 10:00:00' AND TIMESTAMP '2024-01-01 10:00:00.001'", "[TRUE]")]
    public async Task Comparisons_AcrossPrecisions_SeeTheSameInstant(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync(expression));

    [Theory]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.999999999' + INTERVAL '1' SECOND", "[2024-01-01 10:00:01.999999999]")]
    [InlineData("TIMESTAMP '2024-01-31 10:00:00.000000007' + INTERVAL '1' MONTH", "[2024-02-29 10:00:00.000000007]")]
    [InlineData("TIMESTAMP '2024-01-01 00:00:00.000000005' - INTERVAL '1' DAY", "[2023-12-31 00:00:00.000000005]")]
    [InlineData("TIMESTAMPADD(HOUR, 2, TIMESTAMP '2024-01-01 10:00:00.123456789')", "[2024-01-01 12:00:00.123456789]")]
    [InlineData("CEIL(TIMESTAMP '2024-01-01 10:00:00.000000001' TO SECOND)", "[2024-01-01 10:00:01.000000000]")]
    [InlineData("CEIL(TIMESTAMP '2024-01-01 10:00:01.000000000' TO SECOND)", "[2024-01-01 10:00:01.000000000]")]
    [InlineData("FLOOR(TIMESTAMP '2024-01-01 10:00:00.123456789' TO MILLISECOND)", "[2024-01-01 10:00:00.123000000]")]
    [InlineData("FLOOR(TIMESTAMP '1969-12-31 23:59:59.999999999' TO SECOND)", "[1969-12-31 23:59:59.000000000]")]
    public async Task Arithmetic_AndRounding_KeepNanoseconds(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync($"CAST({expression} AS STRING)"));

    [Theory]
    [InlineData("EXTRACT(NANOSECOND FROM TIMESTAMP '2024-01-01 10:00:07.123456789')", "[123456789]")]
    [InlineData("EXTRACT(MICROSECOND FROM TIMESTAMP '2024-01-01 10:00:07.123456789')", "[123456]")]
    [InlineData("EXTRACT(MILLISECOND FROM TIMESTAMP '2024-01-01 10:00:07.123456789')", "[123]")]
    [InlineData("EXTRACT(SECOND FROM TIMESTAMP '1969-12-31 23:59:59.999999999')", "[59]")]
    [InlineData("EXTRACT(NANOSECOND FROM TIMESTAMP '1969-12-31 23:59:59.999999999')", "[999999999]")]
    [InlineData("TIMESTAMPDIFF(SECOND, TIMESTAMP '2024-01-01 10:00:00.000000500', TIMESTAMP '2024-01-01 10:00:01.000000400')", "[0]")]
    [InlineData("TIMESTAMPDIFF(SECOND, TIMESTAMP '2024-01-01 10:00:00.000000500', TIMESTAMP '2024-01-01 10:00:01.000000500')", "[1]")]
    [InlineData("DATE_FORMAT(TIMESTAMP '2024-01-01 10:00:00.123456789', 'HH:mm:ss.SSSSSSSSS')", "[10:00:00.123456789]")]
    [InlineData("DATE_FORMAT(TIMESTAMP '2024-01-01 10:00:00.123456789', 'ss.SSS')", "[00.123]")]
    public async Task Functions_ReadTheNanoseconds(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync(expression));

    [Theory]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123999999' AS TIMESTAMP(3))", "[2024-01-01 10:00:00.123]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123456999' AS TIMESTAMP(6))", "[2024-01-01 10:00:00.123456]")]
    [InlineData("CAST(TIMESTAMP '1969-12-31 23:59:59.999999999' AS TIMESTAMP(3))", "[1969-12-31 23:59:59.999]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123456789' AS TIMESTAMP(7))", "[2024-01-01 10:00:00.1234567]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123' AS TIMESTAMP(9))", "[2024-01-01 10:00:00.123000000]")]
    [InlineData("CAST(TIMESTAMP '1969-12-31 23:59:59.999999999' AS DATE)", "[1969-12-31]")]
    [InlineData("CAST(CAST(TIMESTAMP '2024-01-01 10:00:00.123456789' AS TIMESTAMP_LTZ(9)) AS TIMESTAMP(9))", "[2024-01-01 10:00:00.123456789]")]
    [InlineData("CAST(DATE '2024-02-29' AS TIMESTAMP(9))", "[2024-02-29 00:00:00.000000000]")]
    public async Task Casts_TruncateTowardTheEarlierInstant(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync($"CAST({expression} AS STRING)"));

    [Theory]
    [InlineData("TRY_CAST(TIMESTAMP '2300-01-01 00:00:00' AS TIMESTAMP(9))")]
    [InlineData("TRY_CAST('2300-01-01 00:00:00' AS TIMESTAMP(9))")]
    [InlineData("TRY_CAST(DATE '1600-01-01' AS TIMESTAMP_LTZ(9))")]
    public async Task TryCast_OutOfTheNanosecondRange_IsNull(string expression) =>
        Assert.Equal("[NULL]", await ValueAsync(expression));

    [Theory]
    [InlineData("CAST(TIMESTAMP '2300-01-01 00:00:00' AS TIMESTAMP(9))", "2300-01-01 00:00:00")]
    [InlineData("CAST('1600-01-01 00:00:00' AS TIMESTAMP(9))", "1600-01-01 00:00:00")]
    [InlineData("TIMESTAMP '2262-04-11 23:47:16.854775807' + INTERVAL '1' SECOND", "2262-04-11 23:47:17")]
    public async Task OutOfTheNanosecondRange_IsAnErrorNamingTheValueAndTheRange(string expression, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => ValueAsync($"CAST({expression} AS STRING)"));
        var messages = Messages(error);
        Assert.Contains(value, messages, StringComparison.Ordinal);
        Assert.Contains("1677-09-21 00:12:43.145224192 to 2262-04-11 23:47:16.854775807", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Literal_OutOfTheNanosecondRange_IsAPositionedError()
    {
        var error = await Assert.ThrowsAnyAsync<SqlException>(() => ValueAsync("TIMESTAMP '2262-04-12 00:00:00.000000000'"));
        Assert.Contains("2262-04-12 00:00:00.000000000", error.Message, StringComparison.Ordinal);
        Assert.Contains("TIMESTAMP(9)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Span.Line);
        Assert.Equal(8, error.Span.Column);
    }

    [Fact]
    public async Task RangeEnds_AreValues() =>
        Assert.Equal(["[1677-09-21 00:12:43.145224192, 2262-04-11 23:47:16.854775807]"], (await SqlScriptRunner.RunAsync("""
            SELECT CAST(TIMESTAMP '1677-09-21 00:12:43.145224192' AS STRING), CAST(TIMESTAMP '2262-04-11 23:47:16.854775807' AS STRING);
            """)).Final);

    [Fact]
    public async Task GroupBy_TimestampKeys_DifferingInNanoseconds_AreDifferentGroups()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(ts AS STRING) AS t, COUNT(*) AS n, MIN(ts) = MAX(ts) AS same
            FROM (VALUES (TIMESTAMP '2024-01-01 10:00:00.000000001'), (TIMESTAMP '2024-01-01 10:00:00.000000002'),
                         (TIMESTAMP '2024-01-01 10:00:00.000000001'), (TIMESTAMP '2024-01-01 10:00:00.000000000')) AS v(ts)
            GROUP BY ts;
            """);

        Assert.Equal([
            "[2024-01-01 10:00:00.000000000, 1, TRUE]",
            "[2024-01-01 10:00:00.000000001, 2, TRUE]",
            "[2024-01-01 10:00:00.000000002, 1, TRUE]",
        ], result.Final);
    }

    [Fact]
    public async Task MinAndMax_OrderByEveryDigit()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(MIN(ts) AS STRING), CAST(MAX(ts) AS STRING)
            FROM (VALUES (TIMESTAMP '2024-01-01 10:00:00.000000002'), (TIMESTAMP '2024-01-01 10:00:00.000000003'),
                         (TIMESTAMP '1969-12-31 23:59:59.999999999'), (TIMESTAMP '2024-01-01 10:00:00.000000001')) AS v(ts);
            """);

        Assert.Equal(["[1969-12-31 23:59:59.999999999, 2024-01-01 10:00:00.000000003]"], result.Final);
    }

    [Fact]
    public async Task Join_OfAMillisecondAndANanosecondKey_MatchesTheSameInstant()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT a.id, b.id
            FROM (VALUES (1, TIMESTAMP '2024-01-01 10:00:00.123'), (2, TIMESTAMP '2024-01-01 10:00:00.124')) AS a(id, ts)
            JOIN (VALUES (10, TIMESTAMP '2024-01-01 10:00:00.123000000'), (11, TIMESTAMP '2024-01-01 10:00:00.123000001'),
                         (12, TIMESTAMP '2024-01-01 10:00:00.124000000')) AS b(id, ts)
            ON a.ts = b.ts;
            """);

        Assert.Equal(["[1, 10]", "[2, 12]"], result.Final);
    }

    [Fact]
    public async Task Union_OfPrecisions_ConvertsTheLowerOne()
    {
        var result = await SqlScriptRunner.RunAsync("""
            SELECT CAST(ts AS STRING) FROM (
              SELECT TIMESTAMP '2024-01-01 10:00:00.5' AS ts
              UNION ALL
              SELECT TIMESTAMP '2024-01-01 10:00:00.500000001' AS ts);
            """);

        Assert.Equal(["[2024-01-01 10:00:00.500000000]", "[2024-01-01 10:00:00.500000001]"], result.Final);
    }

    [Fact]
    public async Task JsonFunctions_WriteEveryDigit() =>
        Assert.Equal("[{\"t\":\"2024-01-01T10:00:00.123456789\"}]",
            await ValueAsync("JSON_OBJECT('t' VALUE TIMESTAMP '2024-01-01 10:00:00.123456789')"));

    [Fact]
    public async Task WindowFunction_OverANanosecondColumnThatIsNoTimeAttribute_IsRejected()
    {
        var error = await Assert.ThrowsAnyAsync<SluiceException>(() => SqlScriptRunner.RunAsync("""
            CREATE TABLE T (ts TIMESTAMP(9)) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
            SELECT window_start FROM TABLE(TUMBLE(TABLE T, DESCRIPTOR(ts), INTERVAL '1' SECOND));
            """));

        Assert.Contains("ts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ARRAY[TIMESTAMP '2024-01-01 10:00:00.5', TIMESTAMP '2024-01-01 10:00:00.000000001']",
        "[[2024-01-01 10:00:00.500000000, 2024-01-01 10:00:00.000000001]]")]
    [InlineData("CAST(ARRAY[TIMESTAMP '1969-12-31 23:59:59.999'] AS ARRAY<TIMESTAMP(9)>)", "[[1969-12-31 23:59:59.999000000]]")]
    [InlineData("CAST(ARRAY[TIMESTAMP '1969-12-31 23:59:59.999999999'] AS ARRAY<TIMESTAMP(3)>)", "[[1969-12-31 23:59:59.999]]")]
    public async Task Collections_OfPrecisions_ConvertTheirElements(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync($"CAST({expression} AS STRING)"));

    [Fact]
    public async Task Datagen_NanosecondColumns_HoldRecentWholeMicroseconds()
    {
        var result = await SqlScriptRunner.RunAsync("""
            CREATE TABLE T (ts TIMESTAMP(9), lt TIMESTAMP_LTZ(9)) WITH ('connector' = 'datagen', 'number-of-rows' = '20');
            SELECT EXTRACT(NANOSECOND FROM ts) % 1000, EXTRACT(NANOSECOND FROM lt) % 1000, YEAR(ts) >= 2020, YEAR(lt) >= 2020 FROM T;
            """);

        Assert.Equal(20, result.Final.Count);
        Assert.All(result.Final, row => Assert.Equal("[0, 0, TRUE, TRUE]", row));
    }
}
