using System.Reflection;

namespace Sluice.Cli.Tests.EndToEnd;

/// <summary>The repository's root (the folder with Sluice.slnx), also when the tests run from an artifacts path.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var recorded = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "Sluice.ProjectDirectory")?.Value;
        foreach (var start in new[] { recorded, AppContext.BaseDirectory, Environment.CurrentDirectory }.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sluice.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (Sluice.slnx).");
    });

    public static string Root => LazyRoot.Value;

    public static string Shipping => Path.Combine(Root, "examples", "shipping");
}
