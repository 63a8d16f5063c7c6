using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;

namespace Sluice.Cli.Bench;

/// <summary>
/// Engine-only mode: the batches the <c>nexmark</c> source makes for each of its splits, generated once before the
/// measured run and kept in memory, so that a run replays them (see <see cref="ReplayTableFactory"/>) and its figures
/// leave generation and batch building out. Dispose releases them.
/// </summary>
internal sealed class ReplayBatches : IDisposable
{
    private ReplayBatches(NexmarkSource source, IReadOnlyList<NexmarkSplit> splits, Dictionary<string, List<RecordBatch>> batches)
    {
        Source = source;
        Splits = splits;
        Batches = batches;
    }

    /// <summary>
    /// The physical columns of the benchmark's <c>nexmark</c> table (<c>bench/nexmark/ddl.sql</c>): Flink's, and the event
    /// time as <c>dateTime</c>.
    /// </summary>
    public static Schema Schema { get; } = Schema.Of([.. NexmarkSource.FlinkSchema.Fields, new Field("dateTime", DataTypes.Timestamp(3))]);

    public NexmarkSource Source { get; }

    public IReadOnlyList<NexmarkSplit> Splits { get; }

    public Dictionary<string, List<RecordBatch>> Batches { get; }

    /// <summary>Generates every batch of the stream's <paramref name="parallelism"/> splits.</summary>
    public static ReplayBatches Generate(NexmarkConfiguration configuration, int parallelism)
    {
        var source = new NexmarkSource(configuration, Schema);
        var splits = source.DiscoverSplits(parallelism);
        var batches = new Dictionary<string, List<RecordBatch>>(StringComparer.Ordinal);
        foreach (var split in splits)
        {
            var output = new Output();
            using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
            reader.AddSplits([split]);
            while (reader.PollNext(output) != InputStatus.EndOfInput)
            {
            }

            batches[split.SplitId] = output.Batches;
        }

        return new ReplayBatches(source, splits, batches);
    }

    public void Dispose()
    {
        foreach (var batch in Batches.Values.SelectMany(b => b))
        {
            batch.Dispose();
        }

        Batches.Clear();
    }

    private sealed class Output : ISourceOutput
    {
        public List<RecordBatch> Batches { get; } = [];

        public void Emit(string splitId, IBatch batch) => Batches.Add((RecordBatch)batch);

        public void SplitFinished(string splitId)
        {
        }
    }
}
