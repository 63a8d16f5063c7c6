using System.Text.Json.Nodes;

namespace Sluice.Cli.Tests.FlinkDocs;

/// <summary>
/// Query examples from Flink's documentation, run through <c>sluice run --output json</c> and compared with the result
/// the documentation shows (see <c>Cases/README.md</c>).
/// </summary>
public class FlinkDocsCasesTests
{
    private static readonly Lazy<string> CasesRoot =
        new(() => Path.Combine(Sluice.Testing.RepositoryRoot.Find(typeof(FlinkDocsCasesTests).Assembly), "tests", "Sluice.Cli.Tests", "FlinkDocs", "Cases"));

    /// <summary>Every case: its path relative to the cases folder, with forward slashes.</summary>
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(CasesRoot.Value, "*.sql", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CasesRoot.Value, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Case_MatchesTheDocumentedResult(string name)
    {
        var script = Path.Combine(CasesRoot.Value, name);
        var expectedPath = Path.ChangeExtension(script, ".expected");
        Assert.True(File.Exists(expectedPath), $"{name}: no .expected file");
        var mode = ReadMode(File.ReadAllLines(script));
        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");

        var temporary = WithFolders(script);
        CliRun run;
        try
        {
            var path = temporary ?? script;
            run = await CliRun.RunAsync(Path.GetDirectoryName(script)!, null, mode == CompareMode.Text
                ? ["run", path]
                : ["run", path, "--output", "json"]);
        }
        finally
        {
            if (temporary is not null)
            {
                Directory.Delete(Path.GetDirectoryName(temporary)!, recursive: true);
            }
        }

        Assert.True(run.ExitCode == 0, $"{name}: {run}");
        var actual = run.Output.ReplaceLineEndings("\n");
        switch (mode)
        {
            case CompareMode.Text:
                Assert.Equal(expected, actual);
                break;
            case CompareMode.Ordered:
                Assert.Equal(Lines(expected), Lines(actual));
                break;
            case CompareMode.Rows:
                Assert.Equal(Sorted(Lines(expected)), Sorted(Lines(actual)));
                break;
            case CompareMode.Final:
                Assert.Equal(Sorted(Apply(name, Lines(expected))), Sorted(Apply(name, Lines(actual))));
                break;
        }
    }

    [Fact]
    public void Apply_RetractionsRemoveTheirRow_InsertsAndUpdatesAddOne()
    {
        var changes = new[]
        {
            """{"op":"+I","row":{"a":1}}""",
            """{"op":"+I","row":{"a":2}}""",
            """{"op":"-U","row":{"a":1}}""",
            """{"op":"+U","row":{"a":3}}""",
            """{"op":"-D","row":{"a":2}}""",
        };

        Assert.Equal(["""{"op":"+I","row":{"a":3}}"""], Apply("test", changes));
        Assert.Throws<Xunit.Sdk.TrueException>(() => Apply("test", ["""{"op":"-D","row":{"a":9}}"""]));
    }

    /// <summary>
    /// A case that writes files (a filesystem sink) names a fresh folder <c>${tmp}</c> and the cases folder
    /// <c>${cases}</c>: the script is run from a copy in a new temporary folder (returned; null when the script uses
    /// neither), with both replaced by absolute paths.
    /// </summary>
    private static string? WithFolders(string script)
    {
        var text = File.ReadAllText(script);
        if (!text.Contains("${tmp}", StringComparison.Ordinal) && !text.Contains("${cases}", StringComparison.Ordinal))
        {
            return null;
        }

        var folder = Directory.CreateTempSubdirectory("flinkdocs-").FullName;
        var copy = Path.Combine(folder, Path.GetFileName(script));
        File.WriteAllText(copy, text
            .Replace("${tmp}", Path.Combine(folder, "tmp").Replace('\\', '/'), StringComparison.Ordinal)
            .Replace("${cases}", CasesRoot.Value.Replace('\\', '/'), StringComparison.Ordinal));
        return copy;
    }

    private static CompareMode ReadMode(IEnumerable<string> lines)
    {
        const string Marker = "-- compare:";
        var line = lines.FirstOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        return line is null ? CompareMode.Rows : Enum.Parse<CompareMode>(line[Marker.Length..].Trim(), ignoreCase: true);
    }

    private static List<string> Lines(string text) => [.. text.Split('\n').Where(l => l.Length > 0)];

    private static List<string> Sorted(IEnumerable<string> lines) => [.. lines.Order(StringComparer.Ordinal)];

    /// <summary>Applies a json changelog to a multiset of rows; the result's rows are written as <c>+I</c> changes.</summary>
    private static List<string> Apply(string name, IEnumerable<string> changes)
    {
        var rows = new List<string>();
        foreach (var line in changes)
        {
            var change = JsonNode.Parse(line)!.AsObject();
            var op = (string)change["op"]!;
            var row = $$"""{"op":"+I","row":{{change["row"]!.ToJsonString()}}}""";
            if (op is "+I" or "+U")
            {
                rows.Add(row);
            }
            else
            {
                Assert.True(rows.Remove(row), $"{name}: {op} of a row not in the result: {line}");
            }
        }

        return rows;
    }

    private enum CompareMode
    {
        /// <summary>The changes as a multiset: every line, in any order (the default).</summary>
        Rows,

        /// <summary>The changes in their order.</summary>
        Ordered,

        /// <summary>The final table: the changelog applied, compared as a multiset of <c>+I</c> rows.</summary>
        Final,

        /// <summary>The whole standard output of <c>sluice run</c> without <c>--output json</c> (DESCRIBE, SHOW).</summary>
        Text,
    }
}
