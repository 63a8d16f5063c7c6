using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>The table sink of a partitioned <c>filesystem</c> table: its shuffle columns and whether its writers need watermarks.</summary>
internal sealed class PartitionedTableSink(Schema schema, ChangelogMode mode, ISinkHandle sink, IReadOnlyList<int> shuffleColumns, bool needsWatermarks)
    : IPartitionedTableSink
{
    public Schema ConsumedSchema => schema;

    public ChangelogMode AcceptedChangelogMode => mode;

    public ISinkHandle Sink => sink;

    public bool SupportsOverwrite => true;

    public IReadOnlyList<int> ShuffleColumns => shuffleColumns;

    public bool NeedsWatermarks => needsWatermarks;
}
