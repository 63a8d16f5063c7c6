using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin.Datagen;
using Sluice.Connectors.Builtin.Print;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Formats;

namespace Sluice.Connectors.Builtin.Tests.Table;

public class ConnectorRegistryTests
{
    private static readonly Schema Schema = Schema.Of(new Field("id", DataTypes.BigInt()));
    private readonly ConnectorRegistry _registry = new ConnectorRegistry().AddBuiltinConnectors().AddStandardFormats();

    [Fact]
    public void Names_ListEachRole()
    {
        Assert.Equal(["datagen"], _registry.SourceNames);
        Assert.Equal(["blackhole", "print"], _registry.SinkNames);
        Assert.Equal(["blackhole", "datagen", "print"], _registry.ConnectorDescriptors.Select(d => d.Name));
    }

    [Fact]
    public void CreateSource_UnknownConnector_ListsTheAvailableOnes()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSource(Context(("connector", "datagne"))));

        Assert.Equal("Unsupported connector 'datagne': no source connector has this name. Did you mean 'datagen'? " +
            "Available source connectors: 'datagen'.", error.Message);
        Assert.Equal("connector", error.OptionKey);
        Assert.Equal(ErrorDomain.User, error.Domain);
    }

    [Fact]
    public void CreateSource_SinkOnlyConnector_SaysItCannotBeASource()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSource(Context(("connector", "print"))));

        Assert.Equal("Connector 'print' cannot be used as a source. Available source connectors: 'datagen'.", error.Message);
    }

    [Fact]
    public void CreateSink_NoConnectorOption_NamesTheTable()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSink(Context()));

        Assert.Equal("Table 't' has no 'connector' option.", error.Message);
    }

    [Fact]
    public void CreateSink_InvalidOption_PrefixesTheTableName()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.CreateSink(Context(("connector", "print"), ("print-identifer", "x"))));

        Assert.Equal("Invalid options of table 't': Unsupported option 'print-identifer' for connector 'print'. Did you mean 'print-identifier'?",
            error.Message);
    }

    [Fact]
    public void Add_SameNameTwice_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => _registry.Add(new PrintTableFactory()));
    }

    [Fact]
    public void GetFormatFactory_Unknown_ListsFormats()
    {
        var error = Assert.Throws<TableOptionException>(() => _registry.GetFormatFactory("avro", "value.format"));

        Assert.Equal("Unsupported format 'avro' in option 'value.format'. Available formats: 'csv', 'debezium-json', 'json', 'raw'.", error.Message);
    }

    [Fact]
    public void TableContext_CreateDecoder_UsesThePrefixOfTheFormatKey()
    {
        var context = new TableContext("t", Schema, new Dictionary<string, string>
        {
            ["value.format"] = "csv",
            ["value.csv.field-delimiter"] = "|",
        }) { Registry = _registry };

        using var decoder = context.CreateDecoder("value.format");
        decoder.Decode("42"u8, RecordLocation.Line("m", 1));
        using var batch = decoder.Flush();

        Assert.Equal(["+I[42]"], batch!.ToRowStrings());
        Assert.Equal("value.csv.", context.GetFormatOptions(context.GetFormat("value.format"), "value.format").Prefix);
    }

    [Fact]
    public void Descriptors_GenerateDocumentation()
    {
        var markdown = DatagenTableFactory.ConnectorDescriptor.ToMarkdown();

        Assert.StartsWith("# datagen connector\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| `connector` | required | (none) | String | `'datagen'`. |", markdown, StringComparison.Ordinal);
        Assert.Contains("| `fields.#.kind` | optional | `random` | Enum: random, sequence |", markdown, StringComparison.Ordinal);
    }

    private static TableContext Context(params (string Key, string Value)[] options) =>
        new("t", Schema, options.ToDictionary(o => o.Key, o => o.Value));
}
