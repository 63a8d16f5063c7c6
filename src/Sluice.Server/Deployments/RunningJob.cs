using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Metrics;
using Sluice.Server.Contracts;
using Sluice.State.Checkpoints;

namespace Sluice.Server.Deployments;

/// <summary>
/// The job the reconciliation loop started for a deployment: its handle, the spec it was started with, its
/// graph, the last two metric samples (for rates), and how much of its checkpoint history is stored.
/// </summary>
/// <remarks><b>Threading.</b> Owned by the reconciliation loop; the API reads it (the samples are swapped atomically).
/// Only the loop takes new checkpoints.</remarks>
internal sealed class RunningJob(JobClient client, DeploymentSpec spec, JobGraph graph, DirectoryCheckpointStorage storage)
{
    private volatile MetricsSample? _previous;
    private volatile MetricsSample? _latest;
    private CheckpointStats? _lastStored;

    /// <summary>The runtime's handle.</summary>
    public JobClient Client { get; } = client;

    /// <summary>The spec the job was started with.</summary>
    public DeploymentSpec Spec { get; } = spec;

    /// <summary>The job graph.</summary>
    public JobGraph Graph { get; } = graph;

    /// <summary>The deployment's checkpoint storage (its savepoints are in <see cref="DirectoryCheckpointStorage.SavepointDirectory"/>).</summary>
    public DirectoryCheckpointStorage Storage { get; } = storage;

    /// <summary>True once the loop told that a changed spec waits because the upgrade strategy is NONE.</summary>
    public bool UpgradeDeferredNoted { get; set; }

    /// <summary>True while the loop itself stops or cancels the job (so its end is not reported as unexpected).</summary>
    public bool Stopping { get; set; }

    /// <summary>The sample before <see cref="Latest"/>.</summary>
    public MetricsSample? Previous => _previous;

    /// <summary>The newest sample.</summary>
    public MetricsSample? Latest => _latest;

    /// <summary>
    /// The checkpoints the job completed or failed since the last call, oldest first (the runtime keeps the newest
    /// <see cref="JobMetrics.CheckpointHistorySize"/>; the loop calls this far more often than that many complete).
    /// </summary>
    public IReadOnlyList<CheckpointStats> TakeNewCheckpoints()
    {
        var history = Client.Metrics.CheckpointHistory();
        var start = 0;
        if (_lastStored is not null)
        {
            for (var i = history.Count - 1; i >= 0; i--)
            {
                if (ReferenceEquals(history[i], _lastStored))
                {
                    start = i + 1;
                    break;
                }
            }
        }

        if (start >= history.Count)
        {
            return [];
        }

        _lastStored = history[^1];
        return [.. history.Skip(start)];
    }

    /// <summary>Takes a sample when the newest is at least <paramref name="interval"/> old.</summary>
    public void Sample(TimeProvider time, TimeSpan interval)
    {
        var now = time.GetTimestamp();
        var latest = _latest;
        if (latest is not null && time.GetElapsedTime(latest.Timestamp, now) < interval)
        {
            return;
        }

        var sample = new MetricsSample(now, Client.Metrics.Snapshot());
        _previous = latest;
        _latest = sample;
    }
}
