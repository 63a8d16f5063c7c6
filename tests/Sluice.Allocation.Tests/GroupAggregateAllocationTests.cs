using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The unbounded GROUP BY aggregation, once every group exists: keys are looked up without a key object per row, the
/// rows of a group are collected in reused lists, results go to reused arrays and the output builder is reused, so
/// what is left per batch is the output batch (its shell and vectors).
/// </summary>
public sealed class GroupAggregateAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void InsertOnlyInputAllocatesAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.GroupAggregate(rows);
        BudgetAssert.AtMost(scenario, budget: 1024, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void RetractionsAllocateAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.GroupAggregateWithRetractions(rows);
        BudgetAssert.AtMost(scenario, budget: 1024, output);
    }
}
