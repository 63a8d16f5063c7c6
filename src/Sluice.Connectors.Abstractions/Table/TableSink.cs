using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>The plain <see cref="ITableSink"/>: a schema, the accepted changelog mode and a sink handle. Immutable.</summary>
public sealed class TableSink : ITableSink
{
    /// <summary>Creates the table sink.</summary>
    public TableSink(Schema consumedSchema, ChangelogMode acceptedChangelogMode, ISinkHandle sink)
    {
        ArgumentNullException.ThrowIfNull(consumedSchema);
        ArgumentNullException.ThrowIfNull(acceptedChangelogMode);
        ArgumentNullException.ThrowIfNull(sink);
        ConsumedSchema = consumedSchema;
        AcceptedChangelogMode = acceptedChangelogMode;
        Sink = sink;
    }

    /// <inheritdoc />
    public Schema ConsumedSchema { get; }

    /// <inheritdoc />
    public ChangelogMode AcceptedChangelogMode { get; }

    /// <inheritdoc />
    public ISinkHandle Sink { get; }

    /// <inheritdoc />
    public bool SupportsOverwrite { get; init; }
}
