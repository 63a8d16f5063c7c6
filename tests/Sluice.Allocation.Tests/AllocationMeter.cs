using Sluice.Allocation.Tests.Scenarios;

namespace Sluice.Allocation.Tests;

/// <summary>
/// Measures the bytes a scenario's operator allocates per batch on the calling thread
/// (<see cref="GC.GetAllocatedBytesForCurrentThread"/>), apart from the bytes of making the input. The operators run
/// synchronously on this thread, so nothing they allocate is missed and nothing of other threads counts.
/// </summary>
internal static class AllocationMeter
{
    /// <summary>
    /// Runs <paramref name="warmup"/> steps (JIT, pools, state for every key), then <paramref name="attempts"/> times
    /// <paramref name="batches"/> steps, and returns the smallest average per batch of the operator's bytes (a transient
    /// pool miss, e.g. when the runtime trims its pools, does not count) and of the input's bytes.
    /// </summary>
    public static (long Operator, long Input) BytesPerBatch(OperatorScenario scenario, int warmup = 50, int batches = 40, int attempts = 3)
    {
        for (var i = 0; i < warmup; i++)
        {
            scenario.Step();
        }

        var best = long.MaxValue;
        var input = 0L;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            long operatorBytes = 0;
            long inputBytes = 0;
            for (var i = 0; i < batches; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var batch = scenario.NextInput();
                var made = GC.GetAllocatedBytesForCurrentThread();
                scenario.Process(batch);
                var after = GC.GetAllocatedBytesForCurrentThread();
                inputBytes += made - before;
                operatorBytes += after - made;
            }

            if (operatorBytes / batches < best)
            {
                best = operatorBytes / batches;
                input = inputBytes / batches;
            }
        }

        return (best, input);
    }
}
