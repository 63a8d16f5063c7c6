using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Print;

/// <summary>
/// The <c>print</c> connector (<c>'connector' = 'print'</c>): a sink that writes every row to standard output (or
/// standard error) in Flink's notation, for debugging. See <see cref="PrintSink"/>.
/// </summary>
public sealed class PrintTableFactory : ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "print";

    internal const string PrintIdentifier = "print-identifier";
    internal const string StandardError = "standard-error";
    internal const string SinkParallelism = "sink.parallelism";

    private readonly TextWriter? _standardOutput;
    private readonly TextWriter? _standardError;

    /// <summary>Creates the factory.</summary>
    /// <param name="standardOutput">Where rows go; null for <see cref="Console.Out"/> (read when a sink is created).</param>
    /// <param name="standardError">Where rows go with <c>'standard-error' = 'true'</c>; null for <see cref="Console.Error"/>.</param>
    public PrintTableFactory(TextWriter? standardOutput = null, TextWriter? standardError = null)
    {
        _standardOutput = standardOutput;
        _standardError = standardError;
    }

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Writes every row to standard output in Flink's notation (+I[1, a]), for debugging. Accepts updates and deletes.",
        [
            ConnectorOption.Optional(PrintIdentifier, OptionType.String, "A prefix of every line, to tell several print sinks apart."),
            ConnectorOption.Optional(StandardError, OptionType.Boolean, "Writes to standard error instead of standard output.", "false"),
            ConnectorOption.Optional(SinkParallelism, OptionType.Int, "The parallelism of the sink (default: that of its input)."),
        ]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(ConnectorDescriptor);
        var output = options.GetBoolean(StandardError) ? _standardError ?? Console.Error : _standardOutput ?? Console.Out;
        var sink = new PrintSink(output, options.GetOptionalString(PrintIdentifier));
        return new TableSink(context.Schema, ChangelogMode.All, new SinkHandle<NoCommit>(sink));
    }
}
