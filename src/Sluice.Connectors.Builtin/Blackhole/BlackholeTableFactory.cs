using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Blackhole;

/// <summary>
/// The <c>blackhole</c> connector (<c>'connector' = 'blackhole'</c>): a sink that discards every row. As in Flink it
/// accepts every row kind (+I, -U, +U, -D) without needing a primary key, so any query can run into it (benchmarks).
/// </summary>
public sealed class BlackholeTableFactory : ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "blackhole";

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Discards every row, for performance tests and plans that only need a sink.",
        [ConnectorOption.Optional("sink.parallelism", OptionType.Int, "The parallelism of the sink (default: that of its input).")]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TableSink(context.Schema, ChangelogMode.All, new SinkHandle<NoCommit>(new BlackholeSink()));
    }
}
