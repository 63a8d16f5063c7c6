using Sluice.Core.Schemas;
using Sluice.Sql.Physical.Results;

namespace Sluice.Cli.Output;

/// <summary>Picks the formatter of a query result from the requested format and what standard output is.</summary>
internal static class ResultFormatters
{
    /// <summary>The configuration key of the shell's result mode.</summary>
    public const string ResultModeKey = "sql-client.execution.result-mode";

    /// <summary>The configuration key of the widest column of tableau output.</summary>
    public const string MaxColumnWidthKey = "sql-client.display.max-column-width";

    /// <summary>
    /// The formatter of <c>sluice run --output</c>: json and csv as they are; table live on a terminal, otherwise the
    /// final boxed table of a bounded query or the tableau changelog of an unbounded one.
    /// </summary>
    public static ResultFormatter ForOutput(OutputFormat format, CliConsole console, Schema schema, ResultText text, bool isBounded,
        int maxColumnWidth = TableauLayout.DefaultMaxColumnWidth) => format switch
        {
            OutputFormat.Json => new JsonChangelogFormatter(console.Out, schema, text),
            OutputFormat.Csv => new CsvTableFormatter(console.Out, schema, text),
            _ when console.IsOutputTerminal => new LiveTableFormatter(console.CreateAnsiConsole(console.Out), schema, text),
            _ when isBounded => new TableauTableFormatter(console.Out, schema, text, maxColumnWidth),
            _ => new TableauChangelogFormatter(console.Out, schema, text, maxColumnWidth),
        };

    /// <summary>
    /// The formatter of a shell result mode: table as <see cref="ForOutput"/>'s table; changelog live on a terminal,
    /// otherwise the tableau changelog; tableau always the tableau changelog, printed as changes arrive.
    /// </summary>
    public static ResultFormatter ForMode(ResultMode mode, CliConsole console, Schema schema, ResultText text, bool isBounded,
        int maxColumnWidth = TableauLayout.DefaultMaxColumnWidth) => mode switch
        {
            ResultMode.Changelog when console.IsOutputTerminal => new LiveChangelogFormatter(console.CreateAnsiConsole(console.Out), schema, text),
            ResultMode.Changelog or ResultMode.Tableau => new TableauChangelogFormatter(console.Out, schema, text, maxColumnWidth),
            _ => ForOutput(OutputFormat.Table, console, schema, text, isBounded, maxColumnWidth),
        };

    /// <summary>Parses a result mode name (case-insensitive); false for an unknown one.</summary>
    public static bool TryParseMode(string? text, out ResultMode mode)
    {
        switch (text?.Trim().ToUpperInvariant())
        {
            case "TABLE":
                mode = ResultMode.Table;
                return true;
            case "CHANGELOG":
                mode = ResultMode.Changelog;
                return true;
            case "TABLEAU":
                mode = ResultMode.Tableau;
                return true;
            default:
                mode = ResultMode.Table;
                return false;
        }
    }
}
