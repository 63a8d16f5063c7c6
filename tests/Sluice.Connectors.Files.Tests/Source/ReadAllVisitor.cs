using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Files.Tests.Source;

/// <summary>What the planner does with a handle, minus the runtime: open the typed source and read it to the end.</summary>
internal sealed class ReadAllVisitor : ISourceVisitor<List<string>>
{
    public List<string> Visit<TSplit>(ISource<TSplit> source)
        where TSplit : ISourceSplit
    {
        var rows = new Output();
        using var reader = source.CreateReader(new SourceReaderContext(0, 1, TimeProvider.System));
        reader.AddSplits(source.DiscoverSplits(1));
        while (reader.PollNext(rows) != InputStatus.EndOfInput)
        {
        }

        return rows.Rows;
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
