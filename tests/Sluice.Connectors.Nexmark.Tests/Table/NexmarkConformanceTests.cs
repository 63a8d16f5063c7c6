using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Nexmark.Table;
using Sluice.Core.Batches;
using Sluice.Testing.Conformance;

namespace Sluice.Connectors.Nexmark.Tests.Table;

/// <summary>The source conformance kit over a bounded, seeded nexmark source with small batches.</summary>
public sealed class NexmarkConformanceTests : SourceConformanceTests<NexmarkSplit>
{
    private static readonly NexmarkConfiguration Configuration = new() { EventsNum = 503, Seed = 3, BaseTime = 1_700_000_000_000 };

    protected override ISource<NexmarkSplit> CreateSource() => new NexmarkSource(Configuration, NexmarkSource.FlinkSchema) { BatchSize = 37 };

    protected override IReadOnlyList<string> ExpectedRows { get; } = ReadSerially();

    [Fact]
    public void ExpectedRows_AreOnePerEvent()
    {
        Assert.Equal(503, ExpectedRows.Count);
        Assert.Equal(503, ExpectedRows.Distinct().Count());
    }

    private static List<string> ReadSerially()
    {
        var source = new NexmarkSource(Configuration, NexmarkSource.FlinkSchema);
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        var output = new Output();
        while (reader.PollNext(output) != InputStatus.EndOfInput)
        {
        }

        return output.Rows;
    }

    private sealed class Output : ISourceOutput
    {
        public List<string> Rows { get; } = [];

        public void Emit(string splitId, IBatch batch)
        {
            using var records = (RecordBatch)batch;
            Rows.AddRange(records.ToRowStrings());
        }

        public void SplitFinished(string splitId)
        {
        }
    }
}
