using Sluice.Connectors.Abstractions.Table;
using Sluice.Sql.Physical.Tests.Golden;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Sinks;

/// <summary>
/// The test-only <c>upsert-collect</c> sink connector: an upsert sink (it accepts +I, +U and -D, as <c>upsert-kafka</c>
/// does) that commits the changes it gets, exactly once and in order per subtask, into the store it was created with.
/// </summary>
internal sealed class UpsertCollectTableFactory(CollectStore<string> store) : ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "upsert-collect";

    private static readonly ConnectorDescriptor ConnectorDescriptor = new(ConnectorName, DescriptorKind.Connector,
        "Collects the upserts it gets exactly once into a test's store.", []);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TableSink(context.Schema, ChangelogMode.Upsert, new SinkHandle<string>(new GoldenCollectSink(store)));
    }
}
