using Sluice.Core.Keys;
using Sluice.State.Checkpoints;

namespace Sluice.Runtime.Execution;

/// <summary>How a job runs: checkpointing, recovery, time and buffering.</summary>
public sealed record JobConfig
{
    /// <summary>The number of key groups; the upper bound of any operator's parallelism. Fixed for the life of the job's state.</summary>
    public int MaxParallelism { get; init; } = KeyGroups.DefaultMaxParallelism;

    /// <summary>Exactly-once (aligned barriers) or at-least-once.</summary>
    public CheckpointingMode CheckpointingMode { get; init; } = CheckpointingMode.ExactlyOnce;

    /// <summary>The periodic checkpoint interval; null disables periodic checkpoints (a bounded job still takes its final one).</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>A checkpoint not completed within this time is aborted and counts as a failure.</summary>
    public TimeSpan CheckpointTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How many consecutive checkpoint failures are tolerated before the job fails over.</summary>
    public int TolerableCheckpointFailures { get; init; }

    /// <summary>Where checkpoints are written; null keeps them in memory (they survive task failures, not the process).</summary>
    public ICheckpointStorage? CheckpointStorage { get; init; }

    /// <summary>The default directory for savepoints.</summary>
    public string? SavepointDirectory { get; init; }

    /// <summary>A checkpoint or savepoint folder to start from, or null to start fresh.</summary>
    public string? RestoreFrom { get; init; }

    /// <summary>
    /// Start from the newest completed checkpoint or savepoint in <see cref="CheckpointStorage"/> when there is one
    /// (and <see cref="RestoreFrom"/> is not set); start fresh otherwise. Rerunning a crashed job with this set
    /// continues where it left off.
    /// </summary>
    public bool RestoreFromLatest { get; init; }

    /// <summary>When restoring, ignore state of operators that are no longer in the job instead of failing.</summary>
    public bool AllowNonRestoredState { get; init; }

    /// <summary>What to do when a task fails.</summary>
    public RestartStrategy RestartStrategy { get; init; } = RestartStrategy.None;

    /// <summary>Processing time for timers, watermarks' idleness, checkpoint triggers and restart delays.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Batches buffered per channel before the producer blocks (backpressure).</summary>
    public int ChannelCapacity { get; init; } = 8;

    /// <summary>How often sources emit watermarks.</summary>
    public TimeSpan AutoWatermarkInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Fuse forward-connected operators of equal parallelism into one task.</summary>
    public bool ChainingEnabled { get; init; } = true;
}
