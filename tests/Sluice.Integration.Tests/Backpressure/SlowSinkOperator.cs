using Sluice.Core.Batches;
using Sluice.Runtime.Operators;

namespace Sluice.Integration.Tests.Backpressure;

/// <summary>A terminal operator that is slow on purpose: it sleeps <paramref name="perBatch"/> for every batch and drops it.</summary>
internal sealed class SlowSinkOperator(TimeSpan perBatch) : StreamOperator
{
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        // Simulates a slow external system; this sleep is the load, not a wait for a condition.
        Thread.Sleep(perBatch);
        batch.Dispose();
    }
}
