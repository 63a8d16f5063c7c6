using System.Collections.Concurrent;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Execution;

[Collection(JobTestCollection.Name)]
public class TwoInputJobTests
{
    [Fact]
    public async Task TwoInputOperator_TwoSources_ReceivesEachEdgeOnItsInputIndex()
    {
        // Far apart start times tell the two sources' rows apart.
        var left = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 2, RowsPerSplit = 300, BatchSize = 25, StartTimestamp = 1_000_000,
        });
        var right = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 3, RowsPerSplit = 200, BatchSize = 30, StartTimestamp = 9_000_000,
        });
        var seen = new ConcurrentQueue<(int Input, long Timestamp)>();
        var watermarks = new ConcurrentQueue<long>();
        var graph = new JobGraph("two-inputs");
        var l = graph.AddSource("left", "Left", 2, () => new SourceOperator<SequenceSplit>(left, WatermarkStrategy.Monotonous()));
        var r = graph.AddSource("right", "Right", 1, () => new SourceOperator<SequenceSplit>(right, WatermarkStrategy.Monotonous()));
        var join = graph.AddOperator("join", "Join", 2, () => new InputRecordingOperator(seen, watermarks));
        graph.Connect(l, join, PartitionerKind.Rebalance, targetInput: 0);
        graph.Connect(r, join, PartitionerKind.Rebalance, targetInput: 1);

        var result = await Eventually.Within(LocalExecutor.RunAsync(graph, new JobConfig()), "the job to finish");

        Assert.Equal(JobStatus.Finished, result.Status);
        var byInput = seen.ToLookup(s => s.Input, s => s.Timestamp);
        Assert.Equal(left.AllEvents().Select(e => e.Timestamp).Order(), byInput[0].Order());
        Assert.Equal(right.AllEvents().Select(e => e.Timestamp).Order(), byInput[1].Order());
        Assert.Equal([0, 1], byInput.Select(g => g.Key).Order());
        Assert.Contains(long.MaxValue, watermarks);
    }

    private sealed class InputRecordingOperator(ConcurrentQueue<(int, long)> seen, ConcurrentQueue<long> watermarks)
        : StreamOperator, ITwoInputOperator
    {
        public override void ProcessBatch(IBatch batch, IOutput output) =>
            throw new InvalidOperationException("A two-input operator is called with its input index.");

        public override void ProcessBatch(int input, IBatch batch, IOutput output)
        {
            foreach (var t in batch.Timestamps)
            {
                seen.Enqueue((input, t));
            }

            batch.Dispose();
        }

        public override void ProcessWatermark(Watermark watermark, IOutput output)
        {
            watermarks.Enqueue(watermark.Timestamp);
            base.ProcessWatermark(watermark, output);
        }
    }
}
