using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Formats.Tests;

public class StandardFormatsTests
{
    [Fact]
    public void AddStandardFormats_RegistersEveryFormatByItsFlinkName()
    {
        var registry = new ConnectorRegistry().AddStandardFormats();

        Assert.Equal(["csv", "debezium-json", "json", "raw"], registry.FormatNames);
    }

    [Fact]
    public void Descriptors_GenerateDocumentationWithPrefixedKeys()
    {
        var markdown = StandardFormats.All.Single(f => f.Name == "csv").Descriptor.ToMarkdown();

        Assert.Contains("| `csv.field-delimiter` | optional | `,` | Char |", markdown, StringComparison.Ordinal);
    }
}
