using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Nexmark.Tests.Table;

/// <summary>
/// The source's hot path (generation, the batch writer, the builders) allocates nothing per event: what a batch allocates
/// (the vectors' objects; their buffers come from the pool) does not grow with the number of events in it.
/// </summary>
public class NexmarkReaderAllocationTests
{
    [Fact]
    public void Polling_AllocatesPerBatch_NotPerEvent()
    {
        var small = BytesPerBatch(batchSize: 500);
        var large = BytesPerBatch(batchSize: 8_000);

        // Sixteen times the events per batch; one allocated object per event would add well over 100 KB.
        Assert.InRange(large, 0, small + 4_096);
    }

    private static long BytesPerBatch(int batchSize)
    {
        var configuration = new NexmarkConfiguration { EventsNum = 0, Seed = 3, BaseTime = 1_700_000_000_000 };
        var source = new NexmarkSource(configuration, SourceTestKit.FlinkSchema) { BatchSize = batchSize };
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var output = new DisposingOutput();
        for (var i = 0; i < 30; i++)
        {
            reader.PollNext(output);
        }

        // The smallest of a few rounds: a pool refill or tiered compilation on this thread does not count.
        var best = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                reader.PollNext(output);
            }

            best = Math.Min(best, (GC.GetAllocatedBytesForCurrentThread() - before) / 10);
        }

        return best;
    }

    private sealed class DisposingOutput : ISourceOutput
    {
        public void Emit(string splitId, IBatch batch) => batch.Dispose();

        public void SplitFinished(string splitId)
        {
        }
    }
}
