namespace Sluice.Core.Messages;

/// <summary>
/// The marker that separates the records before checkpoint <see cref="Id"/> from those after it.
/// Ids are strictly increasing within a job.
/// </summary>
/// <param name="Id">The checkpoint id.</param>
/// <param name="Timestamp">When the checkpoint was triggered (epoch milliseconds, processing time).</param>
/// <param name="Options">Checkpoint or savepoint, and whether to stop afterwards.</param>
public readonly record struct CheckpointBarrier(long Id, long Timestamp, CheckpointOptions Options);
