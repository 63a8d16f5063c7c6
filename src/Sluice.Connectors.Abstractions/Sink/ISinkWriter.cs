using Sluice.Core.Batches;

namespace Sluice.Connectors.Abstractions.Sink;

/// <summary>
/// The first phase of a two-phase-commit sink: writes batches into a transaction (an in-progress file, a
/// Kafka transaction, a database transaction) and pre-commits it at each checkpoint barrier.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Called on the sink task's thread only. <b>Lifecycle.</b> (<see cref="Write"/>*
/// <see cref="PrepareCommit"/>)* [<see cref="Finish"/> <see cref="PrepareCommit"/>] Dispose. Dispose without a
/// final PrepareCommit abandons what was written since the last one (it will be aborted).
/// </remarks>
/// <typeparam name="TCommittable">What the committer needs to commit one pre-committed transaction.</typeparam>
public interface ISinkWriter<TCommittable> : IDisposable
{
    /// <summary>Writes a batch. The batch stays owned by the caller.</summary>
    void Write(IBatch batch);

    /// <summary>
    /// Pre-commit at the barrier of checkpoint <paramref name="checkpointId"/>: make everything written so far
    /// durable but invisible, and return what is needed to commit it. Nothing may be visible until commit.
    /// </summary>
    IReadOnlyList<TCommittable> PrepareCommit(long checkpointId);

    /// <summary>End of input: flush buffers; a final <see cref="PrepareCommit"/> follows.</summary>
    void Finish()
    {
    }
}
