namespace Sluice.Cli.Tests.Docs;

/// <summary>
/// The connector reference (docs/reference/connectors.md) is generated from the connectors the CLI ships and must match
/// them, so that it cannot drift; it links the hand-written guides.
/// Run with <c>UPDATE_DOCS=1</c> to rewrite them.
/// </summary>
public class ConnectorReferenceDocsTests
{
    [Fact]
    public void ConnectorReference_MatchesTheCode()
    {
        var root = ConnectorReferenceDocs.FindRepositoryRoot();
        var update = Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1";
        var expected = new Dictionary<string, string>
        {
            [ConnectorReferenceDocs.ConnectorsPath] = ConnectorReferenceDocs.Connectors(ConnectorReferenceDocs.CreateRegistry()),
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
            "`UPDATE_DOCS=1 dotnet test tests/Sluice.Cli.Tests --filter ConnectorReferenceDocs` and commit the result.");
    }

    [Fact]
    public void Connectors_ListEveryRegisteredConnectorAndFormatOption()
    {
        var registry = ConnectorReferenceDocs.CreateRegistry();
        var markdown = ConnectorReferenceDocs.Connectors(registry);

        foreach (var descriptor in registry.ConnectorDescriptors.Concat(registry.FormatDescriptors))
        {
            Assert.Contains(descriptor.ToMarkdown()[(descriptor.ToMarkdown().IndexOf('\n', StringComparison.Ordinal) + 1)..].TrimStart('\n'),
                markdown, StringComparison.Ordinal);
        }

        Assert.Contains("## filesystem connector", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kafka")]
    [InlineData("upsert-kafka")]
    [InlineData("postgres")]
    [InlineData("jdbc")]
    [InlineData("postgres-cdc")]
    [InlineData("nexmark")]
    [InlineData("filesystem")]
    [InlineData("datagen")]
    [InlineData("print")]
    [InlineData("blackhole")]
    public void Connectors_CoverEveryConnectorTheCliShips(string connector)
    {
        var markdown = ConnectorReferenceDocs.Connectors(ConnectorReferenceDocs.CreateRegistry());

        Assert.Contains($"\n### {connector} connector\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"[{connector}](#{connector}-connector)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Connectors_LinkEveryGuide_AndEveryGuideExistsAndNamesItsConnectors()
    {
        var root = ConnectorReferenceDocs.FindRepositoryRoot();
        var registry = ConnectorReferenceDocs.CreateRegistry();
        var markdown = ConnectorReferenceDocs.Connectors(registry);

        foreach (var (connector, guide) in ConnectorReferenceDocs.Guides)
        {
            Assert.Contains(connector, registry.ConnectorDescriptors.Select(d => d.Name));
            var path = Path.Combine(root, "docs", "reference", guide);
            Assert.True(File.Exists(path), $"the guide {guide} of connector '{connector}' does not exist");
            Assert.Contains($"`{connector}`", File.ReadAllText(path), StringComparison.Ordinal);
            var section = markdown[markdown.IndexOf($"### {connector} connector", StringComparison.Ordinal)..];
            section = section[..section.IndexOf("| Option |", StringComparison.Ordinal)];
            Assert.Contains($"[{guide}]({guide})", section, StringComparison.Ordinal);
        }

        // Every hand-written connector guide in docs/reference is linked (the generated pages and the SQL reference are not guides).
        var notGuides = new[] { "connectors.md", "functions.md", "sql.md" };
        foreach (var page in Directory.GetFiles(Path.Combine(root, "docs", "reference"), "*.md").Select(Path.GetFileName))
        {
            if (!notGuides.Contains(page))
            {
                Assert.Contains(page!, ConnectorReferenceDocs.Guides.Values);
            }
        }
    }
}
