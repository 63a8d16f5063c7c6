namespace Sluice.Connectors.Abstractions.Sink;

/// <summary>
/// The second phase of a two-phase-commit sink: makes pre-committed transactions visible once their
/// checkpoint completed, and cleans up what belongs to no completed checkpoint after a restore.
/// </summary>
/// <remarks>
/// <b>Idempotence.</b> <see cref="Commit"/> may be called again for a committable that was already committed
/// (the job may have failed after committing and before recording it); it must then do nothing.
/// <b>Threading.</b> Called on the sink task's thread only.
/// </remarks>
/// <typeparam name="TCommittable">The committable type.</typeparam>
public interface ISinkCommitter<TCommittable>
{
    /// <summary>Commits the given transactions; idempotent.</summary>
    void Commit(IReadOnlyList<TCommittable> committables);

    /// <summary>
    /// Called once per job attempt, on subtask 0, after the committables of the restored checkpoint were
    /// committed: aborts every transaction of an earlier attempt that was not committed (the data will be
    /// produced again from the restored positions).
    /// </summary>
    void AbortLeftovers(string currentAttemptId);
}
