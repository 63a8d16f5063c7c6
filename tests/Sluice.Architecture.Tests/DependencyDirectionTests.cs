using System.Reflection;

namespace Sluice.Architecture.Tests;

/// <summary>
/// Enforces the dependency direction between the projects twice: in the project files (what the build allows) and in
/// the built assemblies (what the code really uses).
/// </summary>
public class DependencyDirectionTests
{
    [Fact]
    public void SourceProjects_Discovered_IncludeEveryLayerOfTheEngine()
    {
        var names = Repository.SourceProjects().Select(p => p.Name).ToList();

        Assert.Contains("Sluice.Core", names);
        Assert.Contains("Sluice.State", names);
        Assert.Contains("Sluice.Connectors.Abstractions", names);
        Assert.Contains("Sluice.Runtime", names);
    }

    [Fact]
    public void ProjectReferences_EverySourceProject_FollowTheLayerTable()
    {
        var violations = new List<string>();
        foreach (var project in Repository.SourceProjects())
        {
            var where = $"ProjectReference in {Relative(project.Path)}";
            violations.AddRange(LayerTable.Check(project.Name, project.ReferencedProjectNames, where));
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void ReferencedAssemblies_EverySourceAssembly_FollowTheLayerTable()
    {
        var projects = Repository.SourceProjects();
        var projectOfAssembly = projects.ToDictionary(p => p.AssemblyName, p => p.Name, StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var project in projects)
        {
            Assembly assembly;
            try
            {
                assembly = Assembly.Load(new AssemblyName(project.AssemblyName));
            }
            catch (FileNotFoundException)
            {
                violations.Add($"{project.Name} is not referenced by Sluice.Architecture.Tests.csproj: " +
                    "add a ProjectReference so that its assembly is checked too.");
                continue;
            }

            var references = assembly.GetReferencedAssemblies()
                .Select(a => a.Name!)
                .Select(name => projectOfAssembly.GetValueOrDefault(name, name));
            violations.AddRange(LayerTable.Check(project.Name, references, $"assembly reference of {assembly.GetName().Name}.dll"));
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void ProjectReferences_EverySourceProject_PointIntoSrcOnly()
    {
        var src = Path.Combine(Repository.Root, "src") + Path.DirectorySeparatorChar;
        var violations = Repository.SourceProjects()
            .SelectMany(p => p.References.Where(r => !r.StartsWith(src, StringComparison.Ordinal))
                .Select(r => $"{p.Name} references {Relative(r)}, which is not a src project " +
                    "(tests, examples and tools stay out of production code)."))
            .ToList();

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    private static string Relative(string path) => Path.GetRelativePath(Repository.Root, path);
}
