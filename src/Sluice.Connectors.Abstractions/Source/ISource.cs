using Sluice.Core.Serialization;

namespace Sluice.Connectors.Abstractions.Source;

/// <summary>
/// A source connector: enumerates splits once when a job starts fresh, and creates a reader per subtask.
/// On a restore the splits come from the checkpoint instead, with their positions.
/// </summary>
/// <typeparam name="TSplit">The split type.</typeparam>
public interface ISource<TSplit>
    where TSplit : ISourceSplit
{
    /// <summary>Whether the source ends by itself.</summary>
    Boundedness Boundedness { get; }

    /// <summary>Serializes splits (with positions) into checkpoints.</summary>
    ITypeSerializer<TSplit> SplitSerializer { get; }

    /// <summary>The initial splits of a fresh start; the runtime assigns them to subtasks round-robin.</summary>
    IReadOnlyList<TSplit> DiscoverSplits(int parallelism);

    /// <summary>Creates the reader of one subtask.</summary>
    ISourceReader<TSplit> CreateReader(SourceReaderContext context);
}
