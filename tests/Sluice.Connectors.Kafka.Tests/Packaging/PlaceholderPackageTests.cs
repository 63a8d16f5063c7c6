using System.Text.Json;
using Xunit;

namespace Sluice.Connectors.Kafka.Tests.Packaging;

/// <summary>
/// The restore must pick the repository's empty <c>librdkafka.redist</c> stand-in (docs/adr/0005), never a package
/// of that id from another source: the native client comes from the operating system. Packages without assets are
/// left out of the dependency manifest, so the test reads the restore's assets file.
/// </summary>
public sealed class PlaceholderPackageTests
{
    [Fact]
    public void The_restore_resolves_librdkafka_redist_to_the_pinned_placeholder_without_native_files()
    {
        using var assets = JsonDocument.Parse(File.ReadAllText(FindAssetsFile()));

        var librdkafka = assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(library => library.Name.StartsWith("librdkafka.redist/", StringComparison.Ordinal))
            .ToList();

        var library = Assert.Single(librdkafka);
        Assert.Equal("librdkafka.redist/1.9.3-system", library.Name);
        var files = library.Value.GetProperty("files").EnumerateArray().Select(file => file.GetString()!).ToList();
        Assert.Contains("readme.txt", files, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(files, file => file.StartsWith("runtimes/", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The assets file of this test project, in the default layout or under an artifacts path.</summary>
    private static string FindAssetsFile()
    {
        const string Project = "Sluice.Connectors.Kafka.Tests";
        var output = new DirectoryInfo(AppContext.BaseDirectory);
        var candidates = new List<string>();
        // <project>/bin/<Configuration>/<tfm>/ → <project>/obj/project.assets.json
        if (output.Parent?.Parent?.Parent is { } project)
            candidates.Add(Path.Combine(project.FullName, "obj", "project.assets.json"));
        // <artifacts>/bin/<project>/<pivot>/ → <artifacts>/obj/<project>/project.assets.json
        if (output.Parent?.Parent?.Parent is { } artifacts)
            candidates.Add(Path.Combine(artifacts.FullName, "obj", Project, "project.assets.json"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"No project.assets.json found; looked at: {string.Join(", ", candidates)}");
    }
}
