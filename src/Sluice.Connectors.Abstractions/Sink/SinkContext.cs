namespace Sluice.Connectors.Abstractions.Sink;

/// <summary>What a sink writer or committer knows about where it runs.</summary>
/// <param name="SubtaskIndex">The subtask index.</param>
/// <param name="Parallelism">The number of parallel writers.</param>
/// <param name="AttemptId">A token unique to this run of the job (it changes on every restart), for naming
/// transactions or temporary files so that leftovers of earlier attempts can be told apart.</param>
/// <param name="TimeProvider">Processing time.</param>
public sealed record SinkContext(int SubtaskIndex, int Parallelism, string AttemptId, TimeProvider TimeProvider);
