using Sluice.Cli.Output;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Tests.Output;

public class ResultFormattersTests
{
    private static readonly Schema Schema = Schema.Of(new Field("n", DataTypes.Int()));

    private static CliConsole Console(bool terminal) => new()
    {
        Out = new StringWriter(),
        Error = new StringWriter(),
        In = TextReader.Null,
        CurrentDirectory = Path.GetTempPath(),
        IsOutputTerminal = terminal,
    };

    [Theory]
    [InlineData((int)OutputFormat.Json, false, true, typeof(JsonChangelogFormatter))]
    [InlineData((int)OutputFormat.Json, true, false, typeof(JsonChangelogFormatter))]
    [InlineData((int)OutputFormat.Csv, true, true, typeof(CsvTableFormatter))]
    [InlineData((int)OutputFormat.Table, true, true, typeof(LiveTableFormatter))]
    [InlineData((int)OutputFormat.Table, false, true, typeof(TableauTableFormatter))]
    [InlineData((int)OutputFormat.Table, false, false, typeof(TableauChangelogFormatter))]
    public void ForOutput_FormatTerminalAndBoundedness_PickTheFormatter(int format, bool terminal, bool bounded, Type expected)
    {
        Assert.IsType(expected, ResultFormatters.ForOutput((OutputFormat)format, Console(terminal), Schema, ResultText.Utc, bounded));
    }

    [Theory]
    [InlineData((int)ResultMode.Table, true, false, typeof(LiveTableFormatter))]
    [InlineData((int)ResultMode.Table, false, true, typeof(TableauTableFormatter))]
    [InlineData((int)ResultMode.Changelog, true, true, typeof(LiveChangelogFormatter))]
    [InlineData((int)ResultMode.Changelog, false, true, typeof(TableauChangelogFormatter))]
    [InlineData((int)ResultMode.Tableau, true, true, typeof(TableauChangelogFormatter))]
    [InlineData((int)ResultMode.Tableau, false, true, typeof(TableauChangelogFormatter))]
    public void ForMode_ModeTerminalAndBoundedness_PickTheFormatter(int mode, bool terminal, bool bounded, Type expected)
    {
        Assert.IsType(expected, ResultFormatters.ForMode((ResultMode)mode, Console(terminal), Schema, ResultText.Utc, bounded));
    }

    [Theory]
    [InlineData("table", (int)ResultMode.Table)]
    [InlineData("CHANGELOG", (int)ResultMode.Changelog)]
    [InlineData(" tableau ", (int)ResultMode.Tableau)]
    public void TryParseMode_KnownNames_CaseInsensitive(string text, int expected)
    {
        Assert.True(ResultFormatters.TryParseMode(text, out var mode));
        Assert.Equal((ResultMode)expected, mode);
    }

    [Fact]
    public void TryParseMode_UnknownName_False()
    {
        Assert.False(ResultFormatters.TryParseMode("fancy", out _));
    }
}
