using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Builtin.Tests.Table;

public class OptionValidatorTests
{
    private static readonly ConnectorDescriptor Connector = new("files", DescriptorKind.Connector, "test",
    [
        ConnectorOption.Required("path", OptionType.String, "where"),
        ConnectorOption.Required("format", OptionType.String, "which format"),
        ConnectorOption.Optional("size", OptionType.MemorySize, "how big", "1mb"),
        ConnectorOption.Optional("every", OptionType.Duration, "how often"),
        ConnectorOption.Choice("mode", "which mode", "a", "a", "b"),
        ConnectorOption.Optional("fields.#.kind", OptionType.String, "per column"),
        ConnectorOption.Optional("key.format", OptionType.String, "key format"),
    ], formatKeys: ["format", "key.format"]);

    private static readonly ConnectorDescriptor Csv = new("csv", DescriptorKind.Format, "test",
    [
        ConnectorOption.Optional("field-delimiter", OptionType.Char, "delimiter", ","),
        ConnectorOption.Optional("ignore-parse-errors", OptionType.Boolean, "skip", "false"),
    ]);

    [Fact]
    public void Validate_AllKnown_Passes()
    {
        OptionValidator.Validate(Options(("format", "csv"), ("csv.field-delimiter", "\\t"), ("size", "64 kb"), ("every", "10 s"),
            ("mode", "B"), ("fields.id.kind", "x"), ("key.format", "csv"), ("key.csv.ignore-parse-errors", "true")), Connector, [Csv]);
    }

    [Theory]
    [InlineData("fromat", "Unsupported option 'fromat' for connector 'files'. Did you mean 'format'?")]
    [InlineData("pth", "Unsupported option 'pth' for connector 'files'. Did you mean 'path'?")]
    [InlineData("csv.field-delimeter", "Unsupported option 'csv.field-delimeter' for format 'csv'. Did you mean 'csv.field-delimiter'?")]
    [InlineData("key.csv.ignore-parse-error", "Unsupported option 'key.csv.ignore-parse-error' for format 'csv'. Did you mean 'key.csv.ignore-parse-errors'?")]
    [InlineData("fields.id.knd", "Unsupported option 'fields.id.knd' for connector 'files'. Did you mean 'fields.id.kind'?")]
    [InlineData("json.fail-on-missing-field", "Unsupported option 'json.fail-on-missing-field' for connector 'files'. Supported options: ")]
    public void Validate_UnknownOption_NamesItAndSuggests(string key, string expected)
    {
        var problems = OptionValidator.FindProblems(Options(("format", "csv"), ("key.format", "csv"), (key, "x")), Connector, [Csv]);

        var problem = Assert.Single(problems);
        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(key, problem.OptionKey);
    }

    [Theory]
    [InlineData("size", "lots", "Invalid value 'lots' for option 'size' of connector 'files': expected a size such as")]
    [InlineData("every", "5 fortnights", "Invalid value '5 fortnights' for option 'every' of connector 'files': expected a duration")]
    [InlineData("mode", "c", "Invalid value 'c' for option 'mode' of connector 'files': expected one of 'a', 'b'.")]
    [InlineData("csv.field-delimiter", ";;", "Invalid value ';;' for option 'csv.field-delimiter' of format 'csv': expected a single character")]
    [InlineData("csv.ignore-parse-errors", "yes", "Invalid value 'yes' for option 'csv.ignore-parse-errors' of format 'csv': expected 'true' or 'false'.")]
    public void Validate_BadValue_SaysWhatIsExpected(string key, string value, string expected)
    {
        var problem = Assert.Single(OptionValidator.FindProblems(Options(("format", "csv"), (key, value)), Connector, [Csv]));

        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingRequired_ListsEveryProblem()
    {
        var options = new Dictionary<string, string> { ["connector"] = "files", ["formt"] = "csv" };

        var error = Assert.Throws<TableOptionException>(() => OptionValidator.Validate(options, Connector, [Csv]));

        Assert.Equal(
            "Unsupported option 'formt' for connector 'files'. Did you mean 'format'?" + Environment.NewLine +
            "Missing required option 'path' for connector 'files'." + Environment.NewLine +
            "Missing required option 'format' for connector 'files'.", error.Message);
        Assert.Equal("formt", error.OptionKey);
    }

    [Fact]
    public void Validate_UnknownFormat_ListsTheKnownOnes()
    {
        var problem = Assert.Single(OptionValidator.FindProblems(Options(("format", "cvs")), Connector, [Csv]));

        Assert.Equal("Unsupported format 'cvs' in option 'format' of connector 'files'. Did you mean 'csv'? Available formats: 'csv'.",
            problem.Message);
    }

    [Theory]
    [InlineData("format", "fromat", 1)]
    [InlineData("abc", "acb", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Distance_SwapsCountOnce(string a, string b, int expected)
    {
        Assert.Equal(expected, OptionValidator.Distance(a, b));
    }

    [Fact]
    public void Suggest_NothingClose_ReturnsNull()
    {
        Assert.Null(OptionValidator.Suggest("completely-different", ["path", "format"]));
    }

    [Fact]
    public void Descriptor_FormatKeyNotAnOption_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => new ConnectorDescriptor("x", DescriptorKind.Connector, "", [], formatKeys: ["format"]));
    }

    private static Dictionary<string, string> Options(params (string Key, string Value)[] options)
    {
        var all = options.ToDictionary(o => o.Key, o => o.Value);
        all["connector"] = "files";
        all.TryAdd("path", "/tmp");
        return all;
    }
}
