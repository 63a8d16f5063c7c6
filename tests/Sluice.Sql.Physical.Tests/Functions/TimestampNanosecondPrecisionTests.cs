using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// <c>TIMESTAMP(p)</c> and <c>TIMESTAMP_LTZ(p)</c> with p = 7..9 keep microseconds (values are stored as 64-bit epoch
/// microseconds): the digits below the microsecond are dropped where a value is made (literals, casts from strings,
/// the csv and json formats), flooring the value to its microsecond (so before 1970 too, towards the earlier time),
/// and read as zeros where it is shown with p digits. These tests pin that documented behaviour (docs/reference/sql.md,
/// "Data types"): comparisons, arithmetic and formatting all see the floored value.
/// </summary>
public sealed class TimestampNanosecondPrecisionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-nanos-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<string> ValueAsync(string expression)
    {
        var result = await SqlScriptRunner.RunAsync($"SELECT {expression} AS v;");
        return Assert.Single(result.Final);
    }

    [Theory]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.123456789' AS STRING)", "[2024-01-01 10:00:00.123456000]")]
    [InlineData("CAST(TIMESTAMP '2024-01-01 10:00:00.1234567' AS STRING)", "[2024-01-01 10:00:00.1234560]")]
    [InlineData("CAST(TIMESTAMP '1969-12-31 23:59:59.999999999' AS STRING)", "[1969-12-31 23:59:59.999999000]")]
    [InlineData("CAST(CAST('2024-01-01 10:00:00.000000999' AS TIMESTAMP(9)) AS STRING)", "[2024-01-01 10:00:00.000000000]")]
    [InlineData("CAST(CAST('2024-01-01 10:00:00.987654321' AS TIMESTAMP_LTZ(9)) AS STRING)", "[2024-01-01 10:00:00.987654000]")]
    public async Task DigitsBelowTheMicrosecond_AreDroppedAndShownAsZeros(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync(expression));

    [Theory]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789' = TIMESTAMP '2024-01-01 10:00:00.123456001'", "[TRUE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123456789' > TIMESTAMP '2024-01-01 10:00:00.123456001'", "[FALSE]")]
    [InlineData("TIMESTAMP '2024-01-01 10:00:00.123457' > TIMESTAMP '2024-01-01 10:00:00.123456999'", "[TRUE]")]
    public async Task Comparisons_SeeTheFlooredMicroseconds(string expression, string expected) =>
        Assert.Equal(expected, await ValueAsync(expression));

    [Fact]
    public async Task IntervalArithmetic_KeepsTheFlooredMicroseconds() =>
        Assert.Equal("[2024-01-01 10:00:01.999999000]",
            await ValueAsync("CAST(TIMESTAMP '2024-01-01 10:00:00.999999999' + INTERVAL '1' SECOND AS STRING)"));

    [Fact]
    public async Task CsvAndJsonSources_FloorNanosecondsToMicroseconds()
    {
        var csv = Path.Combine(_directory, "t.csv");
        File.WriteAllLines(csv, ["1,2024-01-01 10:00:00.123456789"]);
        var json = Path.Combine(_directory, "t.json");
        File.WriteAllLines(json, ["""{"id": 2, "ts": "2024-01-01 10:00:00.000000999"}"""]);
        var result = await SqlScriptRunner.RunAsync($"""
            CREATE TABLE C (id INT, ts TIMESTAMP(9)) WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{csv}');
            CREATE TABLE J (id INT, ts TIMESTAMP(9)) WITH ('connector' = 'filesystem', 'format' = 'json', 'path' = '{json}');
            SELECT id, CAST(ts AS STRING) AS s FROM C UNION ALL SELECT id, CAST(ts AS STRING) AS s FROM J;
            """);

        Assert.Equal(["[1, 2024-01-01 10:00:00.123456000]", "[2, 2024-01-01 10:00:00.000000000]"], result.Final);
    }
}
