using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The string kernels of Nexmark q21 and q22 allocate per batch, never per row: <c>REGEXP_EXTRACT</c> of a
/// <c>(&amp;|^)key=([^&amp;]*)</c> pattern cuts groups from the bytes (the engine's path decoded a string per row),
/// <c>LOWER</c> of ASCII text maps the whole vector at once, a CASE over one string expression computes it once, and
/// <c>SPLIT_INDEX</c> with constant arguments copies each piece once. The same budget holds for 1024 and 4096 rows.
/// </summary>
public sealed class StringKernelAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void ChannelIdProjectionAllocatesAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.Calc(
            "calc: q21",
            "auction, channel, CASE WHEN LOWER(channel) = 'apple' THEN '0' WHEN LOWER(channel) = 'google' THEN '1' "
            + "ELSE REGEXP_EXTRACT(url, '(&|^)query=([^&]*)', 2) END AS channel_id",
            "REGEXP_EXTRACT(url, '(&|^)query=([^&]*)', 2) IS NOT NULL OR LOWER(channel) IN ('apple', 'google')",
            rows);
        BudgetAssert.AtMost(scenario, budget: 4096 + rows, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void SplitIndexProjectionAllocatesAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.Calc(
            "calc: q22",
            "auction, SPLIT_INDEX(url, '/', 3) AS dir1, SPLIT_INDEX(url, '/', 4) AS dir2, SPLIT_INDEX(url, '/', 5) AS dir3",
            null,
            rows);
        BudgetAssert.AtMost(scenario, budget: 2048, output);
    }
}
