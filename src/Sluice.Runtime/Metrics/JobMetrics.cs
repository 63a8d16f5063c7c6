using System.Diagnostics;
using System.Diagnostics.Metrics;
using Sluice.Core.Messages;
using Sluice.Runtime.Execution;

namespace Sluice.Runtime.Metrics;

/// <summary>
/// A job's metrics, published through <see cref="System.Diagnostics.Metrics"/> under the meter
/// <see cref="MeterName"/> (so any MeterListener, OpenTelemetry or a Prometheus endpoint can read them) and as
/// a snapshot (<see cref="Snapshot"/>). Per-record counters are plain fields owned by the task threads and read
/// by observable instruments, so the hot path pays nothing.
/// </summary>
public sealed class JobMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Sluice";

    /// <summary>How many checkpoints <see cref="CheckpointHistory"/> keeps (the newest).</summary>
    public const int CheckpointHistorySize = 100;

    private readonly Meter _meter;
    private readonly string _jobName;
    private readonly Histogram<double> _checkpointDuration;
    private readonly Histogram<long> _checkpointSize;
    private readonly Histogram<double> _alignment;
    private readonly Counter<long> _restartsCounter;
    private readonly Queue<CheckpointStats> _history = new();
    private JobAttempt? _attempt;
    private long _checkpointsCompleted;
    private long _checkpointsFailed;
    private long _lastCheckpointSize;
    private double _lastCheckpointMillis;
    private int _restarts;

    internal JobMetrics(string jobName)
    {
        _jobName = jobName;
        _meter = new Meter(MeterName);
        var job = new KeyValuePair<string, object?>("job", jobName);
        _meter.CreateObservableCounter("sluice.operator.records_in", () => Operators(n => n.RecordsIn), "{record}", "Rows received per operator subtask.");
        _meter.CreateObservableCounter("sluice.operator.records_out", () => Operators(n => n.RecordsOut), "{record}", "Rows emitted per operator subtask.");
        _meter.CreateObservableCounter("sluice.operator.bytes_in", () => Operators(n => n.BytesIn), "By", "Bytes received per operator subtask.");
        _meter.CreateObservableCounter("sluice.operator.bytes_out", () => Operators(n => n.BytesOut), "By", "Bytes emitted per operator subtask.");
        _meter.CreateObservableCounter("sluice.task.busy_time", () => Tasks(t => Stopwatch.GetElapsedTime(0, t.BusyTicks).TotalMilliseconds), "ms",
            "Time spent processing.");
        _meter.CreateObservableCounter("sluice.task.backpressured_time",
            () => Tasks(t => Stopwatch.GetElapsedTime(0, t.BackpressureTicks).TotalMilliseconds), "ms", "Time blocked on full output channels.");
        _meter.CreateObservableGauge("sluice.operator.watermark", () => OperatorWatermarks(), "ms",
            "The highest watermark the operator subtask emitted.");
        _meter.CreateObservableGauge("sluice.task.watermark", () => Tasks(t => (double)t.CurrentWatermark), "ms", "The task's current watermark.");
        _checkpointDuration = _meter.CreateHistogram<double>("sluice.checkpoint.duration", "ms", "Checkpoint duration, trigger to completion.");
        _checkpointSize = _meter.CreateHistogram<long>("sluice.checkpoint.size", "By", "Bytes of state written by a checkpoint.");
        _alignment = _meter.CreateHistogram<double>("sluice.checkpoint.alignment_time", "ms", "Time a task spent aligning barriers.");
        _restartsCounter = _meter.CreateCounter<long>("sluice.job.restarts", "{restart}", "Job restarts.");
        _meter.CreateObservableCounter("sluice.checkpoint.completed", () => new Measurement<long>(Volatile.Read(ref _checkpointsCompleted), job));
        _meter.CreateObservableCounter("sluice.checkpoint.failed", () => new Measurement<long>(Volatile.Read(ref _checkpointsFailed), job));
    }

    /// <summary>Completed checkpoints and savepoints.</summary>
    public long CheckpointsCompleted => Volatile.Read(ref _checkpointsCompleted);

    /// <summary>Failed checkpoints.</summary>
    public long CheckpointsFailed => Volatile.Read(ref _checkpointsFailed);

    /// <summary>Job restarts.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>
    /// The job's latest checkpoints and savepoints (at most <see cref="CheckpointHistorySize"/>), completed and failed,
    /// oldest first; across attempts.
    /// </summary>
    public IReadOnlyList<CheckpointStats> CheckpointHistory()
    {
        lock (_history)
        {
            return [.. _history];
        }
    }

    /// <summary>A point-in-time view of the counters of the current attempt.</summary>
    public JobMetricsSnapshot Snapshot()
    {
        var attempt = Volatile.Read(ref _attempt);
        var operators = new List<OperatorMetricsSnapshot>();
        if (attempt is not null)
        {
            foreach (var task in attempt.Tasks)
            {
                foreach (var node in task.Nodes)
                {
                    operators.Add(new OperatorMetricsSnapshot(node.Context.OperatorId, node.Context.OperatorName, node.Context.SubtaskIndex,
                        Volatile.Read(ref node.RecordsIn), Volatile.Read(ref node.RecordsOut),
                        Volatile.Read(ref node.BytesIn), Volatile.Read(ref node.BytesOut), task.CurrentWatermark,
                        Stopwatch.GetElapsedTime(0, task.BusyTicks), Stopwatch.GetElapsedTime(0, task.BackpressureTicks),
                        Volatile.Read(ref node.OutputWatermark)));
                }
            }
        }

        return new JobMetricsSnapshot(operators, CheckpointsCompleted, CheckpointsFailed, Volatile.Read(ref _lastCheckpointMillis),
            Volatile.Read(ref _lastCheckpointSize), Restarts);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    internal void Attach(JobAttempt attempt) => Volatile.Write(ref _attempt, attempt);

    internal void RecordCheckpoint(long id, CheckpointKind kind, DateTimeOffset triggeredAt, TimeSpan duration, long bytes)
    {
        AddToHistory(new CheckpointStats(id, kind, triggeredAt, duration, bytes, Completed: true, Failure: null));
        Interlocked.Increment(ref _checkpointsCompleted);
        Volatile.Write(ref _lastCheckpointMillis, duration.TotalMilliseconds);
        Volatile.Write(ref _lastCheckpointSize, bytes);
        var job = new KeyValuePair<string, object?>("job", _jobName);
        _checkpointDuration.Record(duration.TotalMilliseconds, job);
        _checkpointSize.Record(bytes, job);
    }

    internal void RecordCheckpointFailure(long id, CheckpointKind kind, DateTimeOffset triggeredAt, TimeSpan duration, string reason)
    {
        AddToHistory(new CheckpointStats(id, kind, triggeredAt, duration, 0, Completed: false, reason));
        Interlocked.Increment(ref _checkpointsFailed);
    }

    internal void RecordAlignment(TimeSpan alignment) =>
        _alignment.Record(alignment.TotalMilliseconds, new KeyValuePair<string, object?>("job", _jobName));

    internal void RecordRestart()
    {
        Interlocked.Increment(ref _restarts);
        _restartsCounter.Add(1, new KeyValuePair<string, object?>("job", _jobName));
    }

    private void AddToHistory(CheckpointStats stats)
    {
        lock (_history)
        {
            _history.Enqueue(stats);
            while (_history.Count > CheckpointHistorySize)
            {
                _history.Dequeue();
            }
        }
    }

    private IEnumerable<Measurement<long>> Operators(Func<Tasks.ChainNode, long> value)
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt is null)
        {
            yield break;
        }

        foreach (var task in attempt.Tasks)
        {
            foreach (var node in task.Nodes)
            {
                yield return new Measurement<long>(value(node),
                    new KeyValuePair<string, object?>("job", _jobName),
                    new KeyValuePair<string, object?>("operator", node.Context.OperatorId),
                    new KeyValuePair<string, object?>("subtask", node.Context.SubtaskIndex));
            }
        }
    }

    private IEnumerable<Measurement<double>> OperatorWatermarks()
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt is null)
        {
            yield break;
        }

        foreach (var task in attempt.Tasks)
        {
            foreach (var node in task.Nodes)
            {
                var watermark = Volatile.Read(ref node.OutputWatermark);
                if (watermark > long.MinValue)
                {
                    yield return new Measurement<double>(watermark,
                        new KeyValuePair<string, object?>("job", _jobName),
                        new KeyValuePair<string, object?>("operator", node.Context.OperatorId),
                        new KeyValuePair<string, object?>("subtask", node.Context.SubtaskIndex));
                }
            }
        }
    }

    private IEnumerable<Measurement<double>> Tasks(Func<Tasks.StreamTask, double> value)
    {
        var attempt = Volatile.Read(ref _attempt);
        if (attempt is null)
        {
            yield break;
        }

        foreach (var task in attempt.Tasks)
        {
            yield return new Measurement<double>(value(task),
                new KeyValuePair<string, object?>("job", _jobName),
                new KeyValuePair<string, object?>("task", task.Name),
                new KeyValuePair<string, object?>("subtask", task.SubtaskIndex));
        }
    }
}
