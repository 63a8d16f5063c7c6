using Sluice.Connectors.Abstractions.Table;
using Sluice.Formats.Csv;
using Sluice.Formats.Debezium;
using Sluice.Formats.Json;
using Sluice.Formats.Raw;

namespace Sluice.Formats;

/// <summary>The row formats of this assembly: <c>csv</c>, <c>json</c>, <c>raw</c> and <c>debezium-json</c>.</summary>
public static class StandardFormats
{
    /// <summary>One factory of each format.</summary>
    public static IReadOnlyList<IFormatFactory> All { get; } =
        [new CsvFormatFactory(), new JsonFormatFactory(), new RawFormatFactory(), new DebeziumJsonFormatFactory()];

    /// <summary>Registers every format of this assembly in <paramref name="registry"/> and returns it.</summary>
    public static ConnectorRegistry AddStandardFormats(this ConnectorRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var format in All)
        {
            registry.Add(format);
        }

        return registry;
    }
}
