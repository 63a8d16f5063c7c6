using Sluice.Allocation.Tests.Scenarios;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>Runs a scenario in steady state and asserts its operator's bytes per batch against a budget.</summary>
internal static class BudgetAssert
{
    /// <summary>
    /// Asserts that the scenario's operator allocates at most <paramref name="budget"/> bytes per batch; a failure names
    /// the types the runtime saw allocated most. Also checks that the scenario did real work (it emitted rows).
    /// </summary>
    public static long AtMost(OperatorScenario scenario, long budget, ITestOutputHelper? output = null)
    {
        var (bytes, input) = AllocationMeter.BytesPerBatch(scenario);
        output?.WriteLine($"{scenario.Name}, {scenario.RowsPerBatch} rows: {bytes} B/batch (budget {budget}, input {input} B)");
        Assert.True(scenario.OutputRows > 0, $"{scenario.Name} emitted nothing, so it measured nothing.");
        if (bytes > budget)
        {
            // Measured again with the sampler on (its events allocate too, so not during the measurement that counts).
            using var sampler = new AllocationSampler();
            AllocationMeter.BytesPerBatch(scenario, warmup: 0);
            Assert.Fail($"{scenario.Name} allocated {bytes} bytes per batch of {scenario.RowsPerBatch} rows (budget {budget}; the input itself " +
                $"{input}). Sampled: {sampler.Summary()}");
        }

        return bytes;
    }
}
