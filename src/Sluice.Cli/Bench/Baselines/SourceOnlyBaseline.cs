using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;

namespace Sluice.Cli.Bench.Baselines;

/// <summary>
/// The <c>nexmark</c> source alone: its reader fills Flink's table layout into columnar batches, which are counted and
/// disposed (no job, no query). With the generator-only baseline it separates generation from batch building.
/// </summary>
internal static class SourceOnlyBaseline
{
    public static long Run(NexmarkConfiguration configuration)
    {
        var source = new NexmarkSource(configuration, NexmarkSource.FlinkSchema);
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var output = new CountingOutput();
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        return output.Rows;
    }

    private sealed class CountingOutput : ISourceOutput
    {
        public long Rows { get; private set; }

        public void Emit(string splitId, IBatch batch)
        {
            Rows += batch.RowCount;
            batch.Dispose();
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
