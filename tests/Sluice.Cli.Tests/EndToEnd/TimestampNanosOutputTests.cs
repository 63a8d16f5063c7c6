using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.EndToEnd;

/// <summary>
/// <c>sluice run</c> shows <c>TIMESTAMP(7..9)</c> and <c>TIMESTAMP_LTZ(7..9)</c> values with their nanoseconds, exactly
/// their precision's fraction digits, in every result format.
/// </summary>
public class TimestampNanosOutputTests
{
    private const string Script =
        "SELECT TIMESTAMP '2024-01-01 10:00:00.123456789' AS ts, TIMESTAMP '1969-12-31 23:59:59.9999999' AS t7, " +
        "CAST('2024-01-01 10:00:00.000000001' AS TIMESTAMP_LTZ(9)) AS lt;\n";

    [Fact]
    public async Task Run_Json_ShowsEveryDigit()
    {
        using var here = new TempDirectory();
        here.Write("nanos.sql", Script);

        var run = await CliRun.RunAsync(here.Path, null, "run", "nanos.sql", "-o", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            "{\"op\":\"+I\",\"row\":{\"ts\":\"2024-01-01 10:00:00.123456789\",\"t7\":\"1969-12-31 23:59:59.9999999\",\"lt\":\"2024-01-01 10:00:00.000000001\"}}\n",
            run.Output);
    }

    [Fact]
    public async Task Run_Csv_ShowsEveryDigit()
    {
        using var here = new TempDirectory();
        here.Write("nanos.sql", Script);

        var run = await CliRun.RunAsync(here.Path, null, "run", "nanos.sql", "-o", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2024-01-01 10:00:00.123456789,1969-12-31 23:59:59.9999999,2024-01-01 10:00:00.000000001", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueText_ShowsTheInstantInTheZone_WithItsNanoseconds()
    {
        var schema = Schema.Of(new Field("lt", DataTypes.TimestampLtz(9)));
        using var builder = new Sluice.Core.Batches.RecordBatchBuilder(schema);
        builder.AppendRow([-1L]);
        using var batch = builder.Build();
        var text = new ResultText(TimeZoneInfo.CreateCustomTimeZone("plus2", TimeSpan.FromHours(2), "plus2", "plus2"));

        Assert.Equal("1970-01-01 01:59:59.999999999", text.Format(batch.Column(0), 0));
    }
}
