using Sluice.Sql.Catalog.Functions;

namespace Sluice.Connectors.Builtin.Tests.Docs;

/// <summary>
/// The function reference (docs/reference/functions.md) is generated from the code and must match it, so that it cannot
/// drift. (The connector reference is checked by tests/Sluice.Cli.Tests, which sees every connector the CLI ships.)
/// Run with <c>UPDATE_DOCS=1</c> to rewrite them.
/// </summary>
public class ReferenceDocsTests
{
    [Fact]
    public void ReferenceDocs_MatchTheCode()
    {
        var root = ReferenceDocsGenerator.FindRepositoryRoot();
        var update = Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1";
        var expected = new Dictionary<string, string>
        {
            [ReferenceDocsGenerator.FunctionsPath] = ReferenceDocsGenerator.Functions(BuiltInFunctions.All),
        };

        var stale = new List<string>();
        foreach (var (relative, content) in expected)
        {
            var path = Path.Combine(root, relative);
            var current = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
            if (current == content)
            {
                continue;
            }

            if (update)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, content);
            }
            else
            {
                stale.Add(relative + (current is null ? " (missing)" : ""));
            }
        }

        Assert.True(stale.Count == 0,
            $"The reference docs do not match the code: {string.Join(", ", stale)}. Regenerate them with " +
            "`UPDATE_DOCS=1 dotnet test tests/Sluice.Connectors.Builtin.Tests --filter ReferenceDocs` and commit the result.");
    }

    [Fact]
    public void Functions_ListEveryBuiltInFunction()
    {
        var markdown = ReferenceDocsGenerator.Functions(BuiltInFunctions.All);

        foreach (var function in BuiltInFunctions.All)
        {
            Assert.Contains($"| `{function.Name}` |", markdown, StringComparison.Ordinal);
        }
    }
}
