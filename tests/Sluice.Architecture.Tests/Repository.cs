using System.Xml.Linq;

namespace Sluice.Architecture.Tests;

/// <summary>The repository on disk: its root and its src projects with their project references.</summary>
internal static class Repository
{
    private const string SolutionFile = "Sluice.slnx";

    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The folder that holds <c>Sluice.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Every project under <c>src/</c>, by name.</summary>
    public static IReadOnlyList<ProjectFile> SourceProjects() =>
        Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .Select(ProjectFile.Load)
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static string FindRoot() => Sluice.Testing.RepositoryRoot.Find(typeof(Repository).Assembly);

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }
}

/// <summary>A project file: its name, assembly name and the projects it references.</summary>
/// <param name="Path">The absolute path of the .csproj.</param>
/// <param name="Name">The project name (the file name without extension).</param>
/// <param name="AssemblyName">The assembly it builds.</param>
/// <param name="References">The absolute paths of its ProjectReference items.</param>
internal sealed record ProjectFile(string Path, string Name, string AssemblyName, IReadOnlyList<string> References)
{
    public static ProjectFile Load(string path)
    {
        var document = XDocument.Load(path);
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var references = document.Descendants()
            .Where(e => e.Name.LocalName == "ProjectReference")
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>()
            .Select(include => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory,
                include.Replace('\\', System.IO.Path.DirectorySeparatorChar))))
            .ToList();
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var assemblyName = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "AssemblyName")?.Value.Trim() is { Length: > 0 } n
            ? n
            : name;
        return new ProjectFile(path, name, assemblyName, references);
    }

    /// <summary>The names of the referenced projects.</summary>
    public IEnumerable<string> ReferencedProjectNames => References.Select(System.IO.Path.GetFileNameWithoutExtension).OfType<string>();
}
