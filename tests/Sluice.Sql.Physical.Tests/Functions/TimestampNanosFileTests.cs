using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Functions;

/// <summary>
/// <c>TIMESTAMP(9)</c> and <c>TIMESTAMP_LTZ(9)</c> columns through the filesystem connector: the csv and json formats read
/// nine fraction digits and write them back unchanged, and a <c>TIMESTAMP(3)</c> written into a <c>TIMESTAMP(9)</c>
/// column is converted; a value that cannot be a nanosecond timestamp fails the job, or is skipped with
/// ignore-parse-errors.
/// </summary>
public sealed class TimestampNanosFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-nanos-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> OutputLines(string directory) =>
        Directory.GetFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .SelectMany(File.ReadAllLines)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task ReadAndWrite_KeepNineDigits(string format)
    {
        var input = Path.Combine(_directory, "in." + format);
        File.WriteAllLines(input, format == "csv"
            ? ["1,2024-01-01 10:00:00.123456789,2024-01-01 10:00:00.000000001Z", "2,1969-12-31 23:59:59.999999999,1970-01-01 00:00:00.5Z"]
            : ["""{"id": 1, "ts": "2024-01-01 10:00:00.123456789", "lt": "2024-01-01 10:00:00.000000001Z"}""",
               """{"id": 2, "ts": "1969-12-31 23:59:59.999999999", "lt": "1970-01-01 00:00:00.5Z"}"""]);
        var output = Path.Combine(_directory, "out");
        await SqlScriptRunner.RunAsync($"""
            CREATE TABLE I (id INT, ts TIMESTAMP(9), lt TIMESTAMP_LTZ(9)) WITH ('connector' = 'filesystem', 'format' = '{format}', 'path' = '{input}');
            CREATE TABLE O (id INT, ts TIMESTAMP(9), lt TIMESTAMP_LTZ(9), later TIMESTAMP(9)) WITH ('connector' = 'filesystem', 'format' = '{format}', 'path' = '{output}');
            INSERT INTO O SELECT id, ts, lt, ts + INTERVAL '0.001' SECOND FROM I;
            """);

        Assert.Equal(format == "csv"
            ? ["1,2024-01-01 10:00:00.123456789,2024-01-01 10:00:00.000000001Z,2024-01-01 10:00:00.124456789",
               "2,1969-12-31 23:59:59.999999999,1970-01-01 00:00:00.5Z,1970-01-01 00:00:00.000999999"]
            : ["""{"id":1,"ts":"2024-01-01 10:00:00.123456789","lt":"2024-01-01 10:00:00.000000001Z","later":"2024-01-01 10:00:00.124456789"}""",
               """{"id":2,"ts":"1969-12-31 23:59:59.999999999","lt":"1970-01-01 00:00:00.5Z","later":"1970-01-01 00:00:00.000999999"}"""],
            OutputLines(output));
    }

    [Fact]
    public async Task Insert_OfAMillisecondTimestamp_IntoANanosecondColumn_Converts()
    {
        var output = Path.Combine(_directory, "out");
        await SqlScriptRunner.RunAsync($"""
            CREATE TABLE O (ts TIMESTAMP(9), lt TIMESTAMP_LTZ(9)) WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{output}');
            INSERT INTO O VALUES (TIMESTAMP '2024-01-01 10:00:00.123', TO_TIMESTAMP_LTZ(1500, 3));
            """);

        Assert.Equal(["2024-01-01 10:00:00.123,1970-01-01 00:00:01.5Z"], OutputLines(output));
    }

    [Fact]
    public async Task OutOfRangeText_FailsTheJob_OrIsSkippedWithIgnoreParseErrors()
    {
        var input = Path.Combine(_directory, "in.csv");
        File.WriteAllLines(input, ["1,2024-01-01 00:00:00.000000001", "2,2500-01-01 00:00:00"]);
        var table = $"CREATE TABLE I (id INT, ts TIMESTAMP(9)) WITH ('connector' = 'filesystem', 'format' = 'csv', 'path' = '{input}'";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => SqlScriptRunner.RunAsync(table + "); SELECT id FROM I;"));
        var messages = string.Join(" | ", Chain(error).Select(e => e.Message));
        Assert.Contains("'2500-01-01 00:00:00'", messages, StringComparison.Ordinal);
        Assert.Contains("2262-04-11 23:47:16.854775807", messages, StringComparison.Ordinal);

        var skipped = await SqlScriptRunner.RunAsync(table + ", 'csv.ignore-parse-errors' = 'true'); SELECT id, CAST(ts AS STRING) FROM I;");
        Assert.Equal(["[1, 2024-01-01 00:00:00.000000001]"], skipped.Final);
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
