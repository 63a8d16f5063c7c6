using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Kafka.Sink;
using Sluice.Connectors.Kafka.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Formats;

namespace Sluice.Connectors.Kafka.Tests.Support;

/// <summary>Creates Kafka sources and sinks through the registry, as the SQL layer does, and drives readers.</summary>
internal static class KafkaTables
{
    public static ConnectorRegistry Registry() => new ConnectorRegistry().AddStandardFormats().AddKafkaConnectors();

    public static TableContext Context(Schema schema, IReadOnlyDictionary<string, string> options, IReadOnlyList<string>? primaryKey = null,
        IReadOnlyDictionary<string, string>? metadata = null) =>
        new("t", schema, options)
        {
            PrimaryKey = primaryKey ?? [],
            MetadataColumns = metadata ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };

    public static KafkaSource Source(TableContext context) =>
        (KafkaSource)((SourceHandle<KafkaSourceSplit>)Registry().CreateSource(context).Source).Source;

    public static KafkaSink Sink(TableContext context) =>
        (KafkaSink)((SinkHandle<KafkaCommittable>)Registry().CreateSink(context).Sink).Sink;

    /// <summary>Polls <paramref name="reader"/> until it ends (or <paramref name="until"/> holds); returns the rows.</summary>
    public static List<string> ReadUntil(ISourceReader<KafkaSourceSplit> reader, Func<List<string>, bool>? until = null, TimeSpan? timeout = null)
    {
        var output = new CollectingOutput();
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            var status = reader.PollNext(output);
            if (status == InputStatus.EndOfInput || (until is not null && until(output.Rows)))
            {
                return output.Rows;
            }

            if (status == InputStatus.NothingAvailable)
            {
                Thread.Yield();
                SpinWait.SpinUntil(() => false, 5);
            }
        }

        throw new TimeoutException($"The reader did not end; rows so far: {string.Join(" ", output.Rows)}");
    }

    /// <summary>Reads a bounded source from a fresh start with one reader.</summary>
    public static List<string> ReadAll(KafkaSource source)
    {
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        return ReadUntil(reader);
    }

    internal sealed class CollectingOutput : ISourceOutput
    {
        public List<string> Rows { get; } = [];

        public List<string> Finished { get; } = [];

        public int Batches { get; private set; }

        public void Emit(string splitId, IBatch batch)
        {
            using (batch)
            {
                Batches++;
                Rows.AddRange(((RecordBatch)batch).ToRowStrings());
            }
        }

        public void SplitFinished(string splitId) => Finished.Add(splitId);
    }
}
