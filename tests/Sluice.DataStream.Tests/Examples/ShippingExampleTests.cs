using ShippingReport;

namespace Sluice.DataStream.Tests.Examples;

[Collection(JobTestCollection.Name)]
public class ShippingExampleTests
{
    /// <summary>The report table of examples/shipping/README.md (the SQL example's expected output).</summary>
    private static List<string> ExpectedReport()
    {
        var lines = File.ReadAllLines(Repository.PathOf("examples", "shipping", "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("| trackingNumber |", StringComparison.Ordinal));
        Assert.True(start >= 0, "the README has no report table");
        return lines.Skip(start).TakeWhile(l => l.StartsWith('|')).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task ShippingCSharp_AtParallelism_PrintsTheSqlExamplesReport(int parallelism)
    {
        var rows = await ShippingJob.RunAsync(Repository.PathOf("examples", "shipping", "data"), parallelism).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(ExpectedReport(), ShippingJob.Format(rows).ToList());
    }
}
