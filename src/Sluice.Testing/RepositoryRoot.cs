using System.Reflection;

namespace Sluice.Testing;

/// <summary>
/// Finds the repository's root (the folder with <c>Sluice.slnx</c>) for tests that read sources, docs or examples.
/// </summary>
/// <remarks>
/// Walks up from the project folder recorded at build time (every <c>*.Tests</c> project records it as the assembly
/// metadata <c>Sluice.ProjectDirectory</c>, see tests/Directory.Build.props), then from the test's output folder,
/// then from the current directory — so it works for in-tree builds, builds with an artifacts path outside the
/// repository, and CI builds that map source paths.
/// </remarks>
public static class RepositoryRoot
{
    /// <summary>The metadata key the test projects record their folder under.</summary>
    public const string ProjectDirectoryKey = "Sluice.ProjectDirectory";

    private const string SolutionFile = "Sluice.slnx";

    /// <summary>The repository root, starting from what <paramref name="testAssembly"/> recorded.</summary>
    /// <exception cref="InvalidOperationException">No folder with <c>Sluice.slnx</c> was found.</exception>
    public static string Find(Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        var recorded = testAssembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == ProjectDirectoryKey)?.Value;
        string?[] starts = [recorded, AppContext.BaseDirectory, Environment.CurrentDirectory];
        foreach (var start in starts.OfType<string>())
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException(
            $"Cannot find {SolutionFile} above {recorded ?? "(no recorded project folder)"}, {AppContext.BaseDirectory} or {Environment.CurrentDirectory}.");
    }
}
