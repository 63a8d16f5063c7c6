namespace Sluice.Architecture.Tests;

/// <summary>The layer table itself: what it accepts and what it rejects, so that the architecture tests have teeth.</summary>
public class LayerTableTests
{
    [Theory]
    [InlineData("Sluice.Core")]
    [InlineData("Sluice.State", "Sluice.Core")]
    [InlineData("Sluice.Connectors.Abstractions", "Sluice.Core")]
    [InlineData("Sluice.Runtime", "Sluice.State", "Sluice.Connectors.Abstractions", "Sluice.Core")]
    [InlineData("Sluice.Connectors.Files", "Sluice.Connectors.Abstractions", "Sluice.Core")]
    [InlineData("Sluice.Connectors.Kafka", "Sluice.Connectors.Abstractions")]
    [InlineData("Sluice.Testing", "Sluice.Runtime", "Sluice.State", "Sluice.Connectors.Files", "Sluice.Core")]
    [InlineData("Sluice.Cli", "Sluice.Sql.Physical", "Sluice.Connectors.Files", "Sluice.Connectors.Builtin", "Sluice.Formats", "Sluice.Runtime")]
    public void Check_DependencyAllowedByTheLayers_HasNoViolation(string project, params string[] dependencies)
    {
        Assert.Empty(LayerTable.Check(project, dependencies, "test"));
    }

    [Theory]
    [InlineData("Sluice.Core", "Sluice.State")]
    [InlineData("Sluice.State", "Sluice.Runtime")]
    [InlineData("Sluice.State", "Sluice.Connectors.Abstractions")]
    [InlineData("Sluice.Connectors.Abstractions", "Sluice.State")]
    [InlineData("Sluice.Runtime", "Sluice.Connectors.Files")]
    [InlineData("Sluice.Runtime", "Sluice.Testing")]
    [InlineData("Sluice.Connectors.Files", "Sluice.Runtime")]
    [InlineData("Sluice.Connectors.Files", "Sluice.State")]
    [InlineData("Sluice.Connectors.Kafka", "Sluice.Connectors.Files")]
    [InlineData("Sluice.Sql", "Sluice.Runtime")]
    [InlineData("Sluice.Sql", "Sluice.State")]
    [InlineData("Sluice.Testing", "Sluice.Cli")]
    [InlineData("Sluice.Testing", "Sluice.Server")]
    [InlineData("Sluice.Cli", "Sluice.Testing")]
    [InlineData("Sluice.Runtime", "Sluice.Cli")]
    [InlineData("Sluice.Server", "Sluice.Cli")]
    [InlineData("Sluice.Server", "Sluice.Testing")]
    [InlineData("Sluice.Connectors.Postgres", "Sluice.Runtime")]
    public void Check_DependencyAgainstTheLayers_IsAViolationNamingBoth(string project, string dependency)
    {
        var violation = Assert.Single(LayerTable.Check(project, [dependency], "test"));

        Assert.Contains(project, violation, StringComparison.Ordinal);
        Assert.Contains(dependency, violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sluice.Sql.Codegen")]
    [InlineData("Sluice.Gateway")]
    [InlineData("Sluice.Formats.Json")]
    public void Check_ProjectMissingFromTheTable_IsAViolationUntilAdded(string project)
    {
        var violation = Assert.Single(LayerTable.Check(project, ["Sluice.Core"], "test"));

        Assert.Contains("not in the layer table", violation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sluice.Runtime")]
    [InlineData("Sluice.Testing")]
    [InlineData("Sluice.Connectors.Files")]
    public void Check_ReferenceToATestProject_IsAViolation(string project)
    {
        var violations = LayerTable.Check(project, ["Sluice.Runtime.Tests"], "test").ToList();

        Assert.Contains(violations, v => v.Contains("test project Sluice.Runtime.Tests", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_NonSluiceDependencies_AreIgnored()
    {
        Assert.Empty(LayerTable.Check("Sluice.Core", ["System.Runtime", "System.Collections", "netstandard"], "test"));
    }

    [Fact]
    public void RuleFor_ExactNameAndPatternBothMatch_PrefersTheExactName()
    {
        Assert.Equal("Sluice.Connectors.Abstractions", LayerTable.RuleFor("Sluice.Connectors.Abstractions")?.Project);
        Assert.Equal("Sluice.Connectors.*", LayerTable.RuleFor("Sluice.Connectors.Postgres")?.Project);
    }
}
