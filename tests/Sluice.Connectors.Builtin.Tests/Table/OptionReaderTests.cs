using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Tests.Table;

public class OptionReaderTests
{
    private static readonly ConnectorDescriptor Descriptor = new("x", DescriptorKind.Connector, "",
    [
        ConnectorOption.Optional("d", OptionType.Duration, ""),
        ConnectorOption.Optional("m", OptionType.MemorySize, "", "128mb"),
        ConnectorOption.Optional("c", OptionType.Char, ""),
        ConnectorOption.Optional("b", OptionType.Boolean, "", "true"),
        ConnectorOption.Optional("fields.#.kind", OptionType.String, "", "random"),
    ]);

    [Theory]
    [InlineData("500", 500)]
    [InlineData("10 s", 10_000)]
    [InlineData("1min", 60_000)]
    [InlineData("2 h", 7_200_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250 ms", 250)]
    public void GetOptionalDuration_FlinkSpellings_Parse(string text, long millis)
    {
        var reader = new OptionReader(new Dictionary<string, string> { ["d"] = text }, Descriptor);

        Assert.Equal(TimeSpan.FromMilliseconds(millis), reader.GetOptionalDuration("d"));
    }

    [Theory]
    [InlineData("1024", 1024)]
    [InlineData("64kb", 65_536)]
    [InlineData("128 mb", 134_217_728)]
    [InlineData("1 gb", 1_073_741_824)]
    public void GetOptionalMemorySize_FlinkSpellings_Parse(string text, long bytes)
    {
        var reader = new OptionReader(new Dictionary<string, string> { ["m"] = text }, Descriptor);

        Assert.Equal(bytes, reader.GetOptionalMemorySize("m"));
    }

    [Theory]
    [InlineData("\\t", '\t')]
    [InlineData("|", '|')]
    [InlineData("\\u0001", '\u0001')]
    [InlineData("\\\\", '\\')]
    public void GetOptionalChar_EscapesAndCharacters_Parse(string text, char expected)
    {
        Assert.Equal(expected, new OptionReader(new Dictionary<string, string> { ["c"] = text }, Descriptor).GetOptionalChar("c"));
    }

    [Fact]
    public void Getters_Unset_FallBackToTheDeclaredDefault()
    {
        var reader = new OptionReader(new Dictionary<string, string>(), Descriptor);

        Assert.Equal(128L * 1024 * 1024, reader.GetOptionalMemorySize("m"));
        Assert.True(reader.GetBoolean("b"));
        Assert.Null(reader.GetOptionalDuration("d"));
        Assert.Equal("random", reader.GetOptionalString("fields.id.kind"));
        Assert.False(reader.Contains("m"));
    }

    [Fact]
    public void GetTemplateValues_ReturnsTheColumnNames()
    {
        var reader = new OptionReader(new Dictionary<string, string> { ["fields.b.kind"] = "x", ["fields.a.kind"] = "y", ["fields.c.min"] = "1" }, Descriptor);

        Assert.Equal(["a", "b"], reader.GetTemplateValues("fields.#.kind"));
    }

    [Fact]
    public void GetString_MissingRequired_NamesTheFullKey()
    {
        var format = new ConnectorDescriptor("csv", DescriptorKind.Format, "", [ConnectorOption.Required("needed", OptionType.String, "")]);
        var reader = new OptionReader(new Dictionary<string, string>(), format, "value.csv.");

        var error = Assert.Throws<TableOptionException>(() => reader.GetString("needed"));

        Assert.Equal("Missing required option 'value.csv.needed' for format 'csv'.", error.Message);
    }
}
