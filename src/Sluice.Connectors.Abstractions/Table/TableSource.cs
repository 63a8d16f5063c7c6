using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>The plain <see cref="ITableSource"/>: a schema, a changelog mode and a source handle. Immutable.</summary>
public sealed class TableSource : ITableSource
{
    /// <summary>Creates the table source.</summary>
    public TableSource(Schema producedSchema, ChangelogMode changelogMode, ISourceHandle source)
    {
        ArgumentNullException.ThrowIfNull(producedSchema);
        ArgumentNullException.ThrowIfNull(changelogMode);
        ArgumentNullException.ThrowIfNull(source);
        ProducedSchema = producedSchema;
        ChangelogMode = changelogMode;
        Source = source;
    }

    /// <inheritdoc />
    public Schema ProducedSchema { get; }

    /// <inheritdoc />
    public ChangelogMode ChangelogMode { get; }

    /// <inheritdoc />
    public ISourceHandle Source { get; }
}
