using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Tasks;

[Collection(JobTestCollection.Name)]
public class WatermarkPropagationTests
{
    [Fact]
    public async Task Watermark_SourceSubtaskWithoutSplits_DoesNotHoldBackTheDownstreamWatermark()
    {
        var time = new ManualTimeProvider();
        var probe = new WatermarkProbe();
        // One split for two source subtasks: subtask 1 has nothing to read and must declare itself idle.
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 1, RowsPerSplit = null, BatchSize = 5, RowsPerSecond = 100, MaxOutOfOrdernessMillis = 0,
        });
        var graph = new JobGraph("idle-subtask");
        var src = graph.AddSource("source", "Source", 2, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.Monotonous()));
        var sink = graph.AddOperator("probe", "Watermark probe", 1, () => new WatermarkProbeOperator(probe));
        graph.Connect(src, sink, PartitionerKind.Rebalance);
        var config = new JobConfig { TimeProvider = time, AutoWatermarkInterval = TimeSpan.FromMilliseconds(100) };
        await using var client = LocalExecutor.Start(graph, config);
        await Eventually.TrueAsync(() => client.Status == JobStatus.Running, "the job to run");

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            return probe.Max >= source.Options.StartTimestamp;
        }, "the downstream watermark to follow the one split");

        Assert.Equal(JobStatus.Cancelled, (await client.CancelAsync()).Status);
    }

    [Fact]
    public async Task EndOfInput_BoundedSources_SendsTheMaximumWatermarkDownstream()
    {
        var probe = new WatermarkProbe();
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 3, RowsPerSplit = 200, BatchSize = 20 });
        var graph = new JobGraph("bounded");
        var src = graph.AddSource("source", "Source", 3, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.Monotonous()));
        var sink = graph.AddOperator("probe", "Watermark probe", 2, () => new WatermarkProbeOperator(probe));
        graph.Connect(src, sink, PartitionerKind.Rebalance);

        var result = await Eventually.Within(LocalExecutor.RunAsync(graph, new JobConfig()), "the job to finish");

        Assert.Equal(JobStatus.Finished, result.Status);
        Assert.Equal(long.MaxValue, probe.Max);
        Assert.Equal(2, probe.SubtasksAtMax);
    }

    private sealed class WatermarkProbe
    {
        private long _max = long.MinValue;
        private int _subtasksAtMax;

        public long Max => Interlocked.Read(ref _max);

        public int SubtasksAtMax => Volatile.Read(ref _subtasksAtMax);

        public void Observe(long watermark)
        {
            var current = Interlocked.Read(ref _max);
            while (watermark > current)
            {
                var seen = Interlocked.CompareExchange(ref _max, watermark, current);
                if (seen == current)
                {
                    break;
                }

                current = seen;
            }

            if (watermark == long.MaxValue)
            {
                Interlocked.Increment(ref _subtasksAtMax);
            }
        }
    }

    private sealed class WatermarkProbeOperator(WatermarkProbe probe) : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output) => batch.Dispose();

        public override void ProcessWatermark(Watermark watermark, IOutput output)
        {
            probe.Observe(watermark.Timestamp);
            base.ProcessWatermark(watermark, output);
        }
    }
}
