using System.Reflection;

namespace Sluice.Architecture.Tests;

public class NamespaceTests
{
    /// <summary>The test kit is exempt: it mirrors the namespaces of what it tests.</summary>
    private static readonly string[] Exempt = ["Sluice.Testing"];

    [Fact]
    public void PublicTypes_EverySourceAssembly_LiveInANamespaceStartingWithTheAssemblyName()
    {
        var violations = new List<string>();
        var checkedTypes = 0;
        foreach (var project in Repository.SourceProjects().Where(p => !Exempt.Contains(p.AssemblyName)))
        {
            var assembly = Assembly.Load(new AssemblyName(project.AssemblyName));
            foreach (var type in assembly.GetExportedTypes())
            {
                checkedTypes++;
                var ns = type.Namespace ?? "";
                if (ns != project.AssemblyName && !ns.StartsWith(project.AssemblyName + ".", StringComparison.Ordinal))
                {
                    violations.Add($"{type.FullName} in {project.AssemblyName}.dll is in namespace '{ns}'; " +
                        $"public types belong under '{project.AssemblyName}'.");
                }
            }
        }

        Assert.True(checkedTypes > 0, "no public types were found: the check would be vacuous");
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }
}
