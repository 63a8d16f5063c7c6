using Sluice.Sql.Catalog.Functions;

namespace Sluice.Connectors.Builtin.Tests.Docs;

/// <summary>
/// The reference docs under docs/reference are generated from the code and must match it, so that they cannot drift.
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
            [ReferenceDocsGenerator.ConnectorsPath] = ReferenceDocsGenerator.Connectors(ReferenceDocsGenerator.CreateRegistry()),
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
    public void Connectors_ListEveryRegisteredConnectorAndFormatOption()
    {
        var registry = ReferenceDocsGenerator.CreateRegistry();
        var markdown = ReferenceDocsGenerator.Connectors(registry);

        foreach (var descriptor in registry.ConnectorDescriptors.Concat(registry.FormatDescriptors))
        {
            Assert.Contains(descriptor.ToMarkdown()[(descriptor.ToMarkdown().IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimStart('\n'),
                markdown, StringComparison.Ordinal);
        }

        Assert.Contains("## filesystem connector", markdown, StringComparison.Ordinal);
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
