using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// Window assignment and the SQL window aggregate allocate for the state of each window they open (an accumulator set
/// and its accumulators, state entries, the growth of the timer index: about 130-170 bytes per key and window), not per
/// row: keys are looked up without a key object per row, timers are structs in per-timestamp buckets (no object per
/// timer), and <c>COUNT(*)</c> is the set's row count (no counter object). The budget is per window opened, at 1024 and
/// 4096 rows per batch.
/// </summary>
public sealed class WindowAggregateAllocationTests(ITestOutputHelper output)
{
    private const long PerWindow = 200;

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void TumbleAllocatesPerWindowNotPerRow(int rows)
    {
        using var scenario = SqlScenarios.TumbleAggregate(rows);

        // 1000 auctions, a bid per millisecond, 10 s windows: each batch opens 1000 * rows / 10 000 windows.
        BudgetAssert.AtMost(scenario, (PerWindow * 1000 * rows / 10_000) + 1024, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void HopAllocatesPerWindowNotPerRow(int rows)
    {
        using var scenario = SqlScenarios.HopAggregate(rows);

        // A window starts every 2 s per auction: each batch opens 1000 * rows / 2000 windows (every row is in five).
        BudgetAssert.AtMost(scenario, (PerWindow * 1000 * rows / 2_000) + 1024, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void SlicedHopAllocatesPerSliceAndWindowNotPerRow(int rows)
    {
        using var scenario = SqlScenarios.SlicedHopAggregate(rows);

        // A 2 s slice per auction: each batch opens 1000 * rows / 2000 slices, and fires as many windows (the merge of
        // five slices each), so the budget per slice opened covers a slice's state and a fired window's merge.
        BudgetAssert.AtMost(scenario, (PerWindow * 1000 * rows / 2_000) + 1024, output);
    }
}
