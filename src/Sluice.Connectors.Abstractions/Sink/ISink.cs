using Sluice.Core.Serialization;

namespace Sluice.Connectors.Abstractions.Sink;

/// <summary>
/// A two-phase-commit sink: write → pre-commit at the barrier → commit when the checkpoint completes;
/// after a restore, commit what belonged to completed checkpoints and abort the rest.
/// The runtime stores pending committables in its checkpoints, so a sink needs no state of its own.
/// </summary>
/// <typeparam name="TCommittable">What the committer needs to commit one pre-committed transaction.</typeparam>
public interface ISink<TCommittable>
{
    /// <summary>Serializes committables into checkpoints.</summary>
    ITypeSerializer<TCommittable> CommittableSerializer { get; }

    /// <summary>Creates the writer of one subtask.</summary>
    ISinkWriter<TCommittable> CreateWriter(SinkContext context);

    /// <summary>Creates the committer of one subtask.</summary>
    ISinkCommitter<TCommittable> CreateCommitter(SinkContext context);
}
