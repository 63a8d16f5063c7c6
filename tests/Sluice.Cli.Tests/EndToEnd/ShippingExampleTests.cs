using System.Globalization;
using System.Text.Json;

namespace Sluice.Cli.Tests.EndToEnd;

/// <summary>
/// Runs examples/shipping/shipping.sql through the CLI's entry point and checks the result against the report that
/// examples/shipping/README.md states (derived there by hand from the data files).
/// </summary>
public class ShippingExampleTests
{
    private static readonly string[] Columns = ["trackingNumber", "city", "statusDescription", "currentStopId", "endStopId", "remainingStops"];

    /// <summary>The rows of the README's expected report, each as its cells joined by '|', sorted.</summary>
    private static List<string> ExpectedReport()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Shipping, "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("## The expected report", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no expected report");
        var header = Array.FindIndex(lines, start, l => l.StartsWith("| trackingNumber", StringComparison.Ordinal));
        Assert.Equal(Columns, Cells(lines[header]));
        var rows = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(l => string.Join("|", Cells(l))).ToList();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string[] Cells(string markdownRow) => [.. markdownRow.Trim().Trim('|').Split('|').Select(c => c.Trim())];

    [Fact]
    public async Task Run_Json_ChangelogMaterializesToTheReadmeReport()
    {
        using var here = new TempDirectory();
        var run = await CliRun.RunAsync(here.Path, null, "run", Path.Combine(RepositoryPaths.Shipping, "shipping.sql"), "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Error);
        var table = new List<string>();
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            using var change = JsonDocument.Parse(line);
            var op = change.RootElement.GetProperty("op").GetString();
            var row = change.RootElement.GetProperty("row");
            Assert.Equal(Columns, row.EnumerateObject().Select(p => p.Name));
            var key = string.Join("|", row.EnumerateObject().Select(p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => "NULL",
                JsonValueKind.Number => p.Value.GetInt64().ToString(CultureInfo.InvariantCulture),
                _ => p.Value.GetString(),
            }));
            switch (op)
            {
                case "+I" or "+U":
                    table.Add(key);
                    break;
                case "-U" or "-D":
                    Assert.True(table.Remove(key), $"retraction of a row not in the result: {line}");
                    break;
                default:
                    Assert.Fail($"unknown op in {line}");
                    break;
            }
        }

        table.Sort(StringComparer.Ordinal);
        Assert.Equal(ExpectedReport(), table);

        // The result is updating: every package starts with its first event and is then updated.
        Assert.True(lines.Length > table.Count, "the changelog should hold retractions, not only the final rows");
    }

    [Fact]
    public async Task Run_Csv_TheFinalTableIsTheReadmeReport()
    {
        using var here = new TempDirectory();
        var run = await CliRun.RunAsync(here.Path, null, "run", Path.Combine(RepositoryPaths.Shipping, "shipping.sql"), "--output", "csv");

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = run.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(",", Columns), records[0]);
        var rows = records.Skip(1).Select(r => string.Join("|", ParseCsvRecord(r).Select(v => v ?? "NULL"))).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ExpectedReport(), rows);
        Assert.Contains("\"Delivery attempted, recipient not available\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TableNotOnATerminal_TheFinalBoxedTableOnce()
    {
        using var here = new TempDirectory();
        var run = await CliRun.RunAsync(here.Path, null, "run", Path.Combine(RepositoryPaths.Shipping, "shipping.sql"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("8 rows in set", lines[^1]);
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(1)
            .Select(l => string.Join("|", Cells(l).Select(c => c == "<NULL>" ? "NULL" : c)))
            .Order(StringComparer.Ordinal).ToList();

        // Descriptions longer than 30 characters are cut in the table; compare them by their visible prefix.
        var expected = ExpectedReport().Select(r => string.Join("|", r.Split('|').Select(c => c.Length > 30 ? c[..27] + "..." : c)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, rows);
    }

    /// <summary>An RFC 4180 record: null for an empty unquoted field.</summary>
    private static List<string?> ParseCsvRecord(string record)
    {
        var fields = new List<string?>();
        var i = 0;
        while (true)
        {
            if (i < record.Length && record[i] == '"')
            {
                var value = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (record[i] == '"' && (i + 1 >= record.Length || record[i + 1] != '"'))
                    {
                        i++;
                        break;
                    }

                    value.Append(record[i]);
                    i += record[i] == '"' ? 2 : 1;
                }

                fields.Add(value.ToString());
            }
            else
            {
                var end = record.IndexOf(',', i);
                var text = end < 0 ? record[i..] : record[i..end];
                fields.Add(text.Length == 0 ? null : text);
                i = end < 0 ? record.Length : end;
            }

            if (i >= record.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
