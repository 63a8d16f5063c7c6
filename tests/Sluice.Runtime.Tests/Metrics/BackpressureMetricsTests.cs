using Sluice.Core.Batches;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Metrics;

[Collection(JobTestCollection.Name)]
public sealed class BackpressureMetricsTests : IDisposable
{
    private readonly ManualResetEventSlim _gate = new(false);

    public void Dispose() => _gate.Set();

    [Fact]
    public async Task BackpressuredTime_ConsumerBlocked_GrowsForTheProducer()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 1, RowsPerSplit = null, BatchSize = 10 });
        var graph = new JobGraph("backpressure");
        var src = graph.AddSource("source", "Source", 1, () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None));
        var blocked = graph.AddOperator("blocked", "Blocked", 1, () => new BlockedOperator(_gate));
        graph.Connect(src, blocked, PartitionerKind.Rebalance);
        await using var client = LocalExecutor.Start(graph, new JobConfig { ChannelCapacity = 4 });
        using var release = new Releaser(_gate);

        // The consumer holds its first batch; the channel fills and the source can emit nothing more.
        await Eventually.TrueAsync(() => Source(client)?.BackpressuredTime > TimeSpan.Zero, "the source to report backpressure");

        Assert.InRange(Source(client)!.RecordsOut, 10, (4 + 2) * 10);
    }

    private static Sluice.Runtime.Metrics.OperatorMetricsSnapshot? Source(JobClient client) =>
        client.Metrics.Snapshot().Operators.SingleOrDefault(o => o.OperatorId == "source");

    private sealed class Releaser(ManualResetEventSlim gate) : IDisposable
    {
        public void Dispose() => gate.Set();
    }

    private sealed class BlockedOperator(ManualResetEventSlim gate) : StreamOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            gate.Wait(Eventually.Timeout);
            batch.Dispose();
        }
    }
}
