using System.Diagnostics.Metrics;
using Sluice.Core.Keys;
using Sluice.Core.Time;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Metrics;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Partitioning;
using Sluice.Runtime.Tests.Checkpointing;
using Sluice.Testing;
using Sluice.Testing.Operators;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Metrics;

[Collection(JobTestCollection.Name)]
public class JobMetricsTests
{
    [Fact]
    public async Task RecordsInAndOut_AfterBoundedJob_MatchTheInputCountPerOperator()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 4, KeysPerSplit = 8, RowsPerSplit = 750, BatchSize = 40 });
        var store = new CollectStore<SequenceCount>();
        await using var client = LocalExecutor.Start(TestJobs.SequenceCheck(source, store, parallelism: 2), new JobConfig());

        var result = await Eventually.Within(client.Completion, "the job to finish");

        Assert.Equal(JobStatus.Finished, result.Status);
        const long rows = 4 * 750;
        var operators = client.Metrics.Snapshot().Operators;
        Assert.Equal(6, operators.Count);
        Assert.Equal(rows, operators.Where(o => o.OperatorId == "source").Sum(o => o.RecordsOut));
        Assert.Equal(0, operators.Where(o => o.OperatorId == "source").Sum(o => o.RecordsIn));
        Assert.Equal(rows, operators.Where(o => o.OperatorId == "check").Sum(o => o.RecordsIn));
        Assert.Equal(rows, operators.Where(o => o.OperatorId == "check").Sum(o => o.RecordsOut));
        Assert.Equal(rows, operators.Where(o => o.OperatorId == "sink").Sum(o => o.RecordsIn));
        Assert.Equal(0, operators.Where(o => o.OperatorId == "sink").Sum(o => o.RecordsOut));
        Assert.Equal([0, 1], operators.Where(o => o.OperatorId == "check").Select(o => o.SubtaskIndex).Order());
    }

    [Fact]
    public async Task MeterListener_RunningJob_SeesRecordsInOfEveryOperatorSubtask()
    {
        var jobName = "metrics-" + Guid.NewGuid().ToString("N");
        var recordsIn = new Dictionary<(string Operator, int Subtask), long>();
        var gate = new object();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobMetrics.MeterName && instrument.Name == "sluice.operator.records_in")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            var tagList = tags.ToArray();
            if (!tagList.Any(t => t.Key == "job" && Equals(t.Value, jobName)))
            {
                return;
            }

            var op = (string)tagList.Single(t => t.Key == "operator").Value!;
            var subtask = (int)tagList.Single(t => t.Key == "subtask").Value!;
            lock (gate)
            {
                recordsIn[(op, subtask)] = value;
            }
        });
        listener.Start();

        await using var client = LocalExecutor.Start(UnboundedJob(jobName), new JobConfig());
        await Eventually.TrueAsync(() =>
        {
            listener.RecordObservableInstruments();
            lock (gate)
            {
                return recordsIn.GetValueOrDefault(("count", 0)) > 0 && recordsIn.GetValueOrDefault(("count", 1)) > 0;
            }
        }, "records_in measurements of both subtasks of 'count'");

        lock (gate)
        {
            Assert.Equal([("count", 0), ("count", 1), ("source", 0)], recordsIn.Keys.Order());
            Assert.Equal(0, recordsIn[("source", 0)]);
        }

        Assert.Equal(JobStatus.Cancelled, (await client.CancelAsync()).Status);
    }

    [Fact]
    public async Task CheckpointsCompleted_EachCompletedCheckpoint_IncrementsTheCounter()
    {
        var time = new ManualTimeProvider();
        var jobName = "checkpoints-" + Guid.NewGuid().ToString("N");
        long observed = -1;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == JobMetrics.MeterName && instrument.Name == "sluice.checkpoint.completed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) =>
        {
            if (tags.ToArray().Any(t => t.Key == "job" && Equals(t.Value, jobName)))
            {
                Volatile.Write(ref observed, value);
            }
        });
        listener.Start();
        var config = new JobConfig { TimeProvider = time, CheckpointStorage = new InMemoryCheckpointStorage() };
        await using var client = LocalExecutor.Start(UnboundedJob(jobName, rowsPerSecond: 10), config);
        await QuietJobs.WaitUntilRunningAsync(client);
        Assert.Equal(0, client.Metrics.CheckpointsCompleted);

        await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 1");
        Assert.Equal(1, client.Metrics.CheckpointsCompleted);
        await Eventually.Within(client.TriggerCheckpointAsync(), "checkpoint 2");
        Assert.Equal(2, client.Metrics.CheckpointsCompleted);

        listener.RecordObservableInstruments();
        Assert.Equal(2, Volatile.Read(ref observed));
        Assert.Equal(2, client.Metrics.Snapshot().CheckpointsCompleted);
        Assert.Equal(0, client.Metrics.CheckpointsFailed);
    }

    /// <summary>source x1 → hash → sequence check "count" x2 (unbounded).</summary>
    private static JobGraph UnboundedJob(string name, double rowsPerSecond = 5_000)
    {
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 2, KeysPerSplit = 8, RowsPerSplit = null, BatchSize = 10, RowsPerSecond = rowsPerSecond,
        });
        var graph = new JobGraph(name);
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.Monotonous()));
        var count = graph.AddOperator("count", "Count", 2, () => new SequenceCheckOperator());
        graph.Connect(src, count, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        return graph;
    }
}
