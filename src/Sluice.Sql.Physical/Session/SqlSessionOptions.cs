using Sluice.Connectors.Abstractions.Table;
using Sluice.Runtime.Execution;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// How a <see cref="SqlSession"/> runs its jobs: the connectors it knows, the parallelism, checkpointing and
/// restore, the clock, and the initial configuration (<c>SET</c> values). Immutable.
/// </summary>
public sealed record SqlSessionOptions
{
    /// <summary>Creates options with the connectors and formats of <paramref name="registry"/>.</summary>
    public SqlSessionOptions(ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
    }

    /// <summary>The connectors and formats tables can use.</summary>
    public ConnectorRegistry Registry { get; init; }

    /// <summary>The parallelism of every operator (overridden by <c>SET 'parallelism.default'</c>); default 1.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The directory of checkpoints and savepoints, or null to keep checkpoints in memory.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>The checkpoint interval, or null for none (overridden by <c>SET 'execution.checkpointing.interval'</c>).</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>
    /// The savepoint or checkpoint to start the first job from: a path, or <c>latest</c> for the newest completed
    /// checkpoint or savepoint in <see cref="CheckpointDirectory"/> (a fresh start when there is none).
    /// </summary>
    public string? FromSavepoint { get; init; }

    /// <summary>
    /// When the first job restores <see cref="FromSavepoint"/>, drop the state of operators the job no longer has
    /// instead of failing (Flink's <c>--allowNonRestoredState</c>); default false.
    /// </summary>
    public bool AllowNonRestoredState { get; init; }

    /// <summary>What the session's jobs do when a task fails; default <see cref="RestartStrategy.None"/>.</summary>
    public RestartStrategy RestartStrategy { get; init; } = RestartStrategy.None;

    /// <summary>
    /// The directory of the script being run: a relative source <c>path</c> that does not exist relative to the
    /// current directory is looked up relative to this one.
    /// </summary>
    public string? ScriptDirectory { get; init; }

    /// <summary>The clock of processing time and <c>CURRENT_TIMESTAMP</c>.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The initial configuration, as if set with <c>SET 'key' = 'value'</c>.</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// True (for scripts) to collect every <c>INSERT</c> and statement set into one job submitted by
    /// <see cref="SqlSession.SubmitCollectedInserts"/>; false (for the shell) to start a job per statement.
    /// </summary>
    public bool CollectInserts { get; init; }
}
