using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The regular join still allocates per probing row: the heap map state's entries iterator of the other side (about
/// 200 bytes) and the probing row's encoded <c>RowData</c> (about 100 bytes), which its own side's state is looked up
/// by; the key is no longer allocated per row. This budget guards against getting worse and is to be lowered with the
/// fixes named in "Micro-benchmarks" (docs/performance.md).
/// </summary>
public sealed class JoinProbeAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void ProbeStaysWithinItsPerRowBudget(int rows)
    {
        using var scenario = SqlScenarios.JoinProbe(rows);
        BudgetAssert.AtMost(scenario, 420L * rows, output);
    }
}
