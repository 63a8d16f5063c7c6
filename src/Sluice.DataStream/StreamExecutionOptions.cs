using Sluice.Core.Keys;
using Sluice.Runtime.Execution;
using Sluice.State.Keyed;

namespace Sluice.DataStream;

/// <summary>How the jobs of a <see cref="StreamExecutionEnvironment"/> run. Immutable; use <c>with</c> to derive variants.</summary>
public sealed record StreamExecutionOptions
{
    /// <summary>The default parallelism of operators (sources from collections use 1 unless set). Default 1.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The number of key groups: the upper bound of any parallelism, fixed for the life of the state. Default 128.</summary>
    public int MaxParallelism { get; init; } = KeyGroups.DefaultMaxParallelism;

    /// <summary>Exactly-once (aligned barriers, the default) or at-least-once.</summary>
    public CheckpointingMode CheckpointingMode { get; init; } = CheckpointingMode.ExactlyOnce;

    /// <summary>The periodic checkpoint interval, or null (the default) for none; a bounded job still takes a final checkpoint.</summary>
    public TimeSpan? CheckpointInterval { get; init; }

    /// <summary>Where checkpoints are written; null keeps them in memory (they survive task failures, not the process).</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>How many completed checkpoints are kept in <see cref="CheckpointDirectory"/>. Default 3.</summary>
    public int RetainedCheckpoints { get; init; } = 3;

    /// <summary>The default directory of savepoints.</summary>
    public string? SavepointDirectory { get; init; }

    /// <summary>A checkpoint or savepoint to start from (operators are matched by their <c>Uid</c>), or null to start fresh.</summary>
    public string? RestoreFrom { get; init; }

    /// <summary>Start from the newest completed checkpoint in <see cref="CheckpointDirectory"/> when there is one.</summary>
    public bool RestoreFromLatest { get; init; }

    /// <summary>When restoring, ignore the state of operators the job no longer has instead of failing.</summary>
    public bool AllowNonRestoredState { get; init; }

    /// <summary>What to do when a task fails. Default: no restart.</summary>
    public RestartStrategy RestartStrategy { get; init; } = RestartStrategy.None;

    /// <summary>The time-to-live of keyed state declared without one through a <c>RuntimeContext</c>; null (default) for none.</summary>
    public StateTtlConfig? DefaultStateTtl { get; init; }

    /// <summary>Processing time for timers, idleness, checkpoints and restarts. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often sources emit watermarks. Default 200 ms.</summary>
    public TimeSpan AutoWatermarkInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Batches buffered per channel before the producer blocks. Default 8.</summary>
    public int ChannelCapacity { get; init; } = 8;

    /// <summary>Fuse forward-connected operators of equal parallelism into one task. Default true.</summary>
    public bool ChainingEnabled { get; init; } = true;
}
