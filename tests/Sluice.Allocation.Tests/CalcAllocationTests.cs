using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// Filter and projection (<c>CalcOperator</c>) allocate per batch, never per row: the output batch's shell and the
/// result vectors' objects (their buffers come from the pool). The same budget holds for 1024 and 4096 rows, so nothing
/// grows with the row count.
/// </summary>
public sealed class CalcAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void ProjectionAllocatesAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.Project(rows);
        BudgetAssert.AtMost(scenario, budget: 1024, output);
    }

    /// <remarks>
    /// More than the projection: each comparison and the AND make a boolean vector whose bit array is not pooled (one
    /// bit per row each: about 150 bytes at 1024 rows, 530 at 4096), hence the budget of a constant plus a byte per row.
    /// </remarks>
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void FilterAndProjectionAllocateAConstantPerBatch(int rows)
    {
        using var scenario = SqlScenarios.FilterProject(rows);
        BudgetAssert.AtMost(scenario, budget: 1024 + rows, output);
    }
}
