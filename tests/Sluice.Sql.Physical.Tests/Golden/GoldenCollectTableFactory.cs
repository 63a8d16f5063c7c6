using Sluice.Connectors.Abstractions.Table;
using Sluice.Testing.Sinks;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// The test-only <c>golden-collect</c> sink connector: accepts every row kind and commits the rows, exactly once,
/// into the store it was created with (see <see cref="GoldenCollectSink"/>).
/// </summary>
internal sealed class GoldenCollectTableFactory(CollectStore<string> store) : ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "golden-collect";

    private static readonly ConnectorDescriptor ConnectorDescriptor = new(ConnectorName, DescriptorKind.Connector,
        "Collects every change exactly once into a test's store.", []);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TableSink(context.Schema, ChangelogMode.All, new SinkHandle<string>(new GoldenCollectSink(store)));
    }
}
