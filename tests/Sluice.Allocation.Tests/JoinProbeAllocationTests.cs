using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The regular join's probe allocates nothing per probing row: the other side's rows are enumerated through the heap
/// map state's reused entries enumerable, the probing row is looked up among the rows seen before by its encoded bytes
/// (<c>RowDataCache</c>), and the key is interned. What is left per batch is the output batch (its builder, shell and
/// vectors), the same at 1024 and 4096 rows.
/// </summary>
public sealed class JoinProbeAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void ProbeStaysWithinItsPerRowBudget(int rows)
    {
        using var scenario = SqlScenarios.JoinProbe(rows);
        BudgetAssert.AtMost(scenario, 2048, output);
    }
}
