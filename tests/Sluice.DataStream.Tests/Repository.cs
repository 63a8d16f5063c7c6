using System.Reflection;

namespace Sluice.DataStream.Tests;

/// <summary>Paths in the repository, found from the test project's directory.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var projectDir = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "Sluice.ProjectDirectory").Value!;
        for (var dir = new DirectoryInfo(projectDir); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Sluice.slnx above {projectDir}.");
    }
}
