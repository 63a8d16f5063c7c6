namespace Sluice.Architecture.Tests;

/// <summary>
/// The layers of ARCHITECTURE.md as data: which project may depend on which. Dependency direction points down:
/// Core at the bottom depends on nothing; connectors see only the SPI; the test kit may use any engine project but
/// no composition root. A project that is not in the table is a violation until someone adds it with its layer.
/// </summary>
internal static class LayerTable
{
    /// <summary>The rules, most specific first: an exact name wins over a <c>Prefix.*</c> pattern.</summary>
    public static IReadOnlyList<LayerRule> Rules { get; } =
    [
        LayerRule.Only("Sluice.Core"),
        LayerRule.Only("Sluice.State", "Sluice.Core"),
        LayerRule.Only("Sluice.Connectors.Abstractions", "Sluice.Core"),
        LayerRule.Only("Sluice.Runtime", "Sluice.State", "Sluice.Connectors.Abstractions", "Sluice.Core"),
        LayerRule.Only("Sluice.Formats", "Sluice.Connectors.Abstractions", "Sluice.Core"), // row formats: SPI implementations
        LayerRule.Only("Sluice.Connectors.Files", "Sluice.Formats", "Sluice.Connectors.Abstractions", "Sluice.Core"),
        LayerRule.Only("Sluice.Connectors.Builtin", "Sluice.Formats", "Sluice.Connectors.Abstractions", "Sluice.Core"),
        LayerRule.Only("Sluice.Connectors.Kafka", "Sluice.Formats", "Sluice.Connectors.Abstractions", "Sluice.Core"), // key and value formats
        LayerRule.Only("Sluice.Connectors.*", "Sluice.Connectors.Abstractions", "Sluice.Core"),
        LayerRule.Only("Sluice.DataStream", "Sluice.Core", "Sluice.State", "Sluice.Connectors.Abstractions", "Sluice.Runtime"), // typed C# jobs over the runtime
        LayerRule.Only("Sluice.Sql", "Sluice.Core"), // parser, binder, planner: no runtime dependency
        LayerRule.Only("Sluice.Sql.Physical", "Sluice.Core", "Sluice.State", "Sluice.Connectors.Abstractions", "Sluice.Runtime", "Sluice.Sql"), // SQL operators
        LayerRule.Only("Sluice.Udf.Samples", "Sluice.Sql", "Sluice.Core"), // sample C# functions (tests/): the function SPI only
        LayerRule.AnyExcept("Sluice.Testing", "Sluice.Cli", "Sluice.Server"),
        LayerRule.AnyExcept("Sluice.Server", "Sluice.Cli", "Sluice.Testing"), // the server: a composition root over every engine project, never the CLI
        LayerRule.AnyExcept("Sluice.Cli", "Sluice.Testing"), // the command-line tool: the top layer, over every engine project
    ];

    /// <summary>The rule for <paramref name="project"/>, or null when the project is not in the table.</summary>
    public static LayerRule? RuleFor(string project) =>
        Rules.FirstOrDefault(r => r.Project == project) ?? Rules.FirstOrDefault(r => r.Matches(project));

    /// <summary>
    /// The violations of <paramref name="project"/> depending on <paramref name="dependencies"/> (Sluice project or
    /// assembly names; anything else is ignored). <paramref name="describe"/> says where a dependency comes from.
    /// </summary>
    public static IEnumerable<string> Check(string project, IEnumerable<string> dependencies, string describe)
    {
        var sluice = dependencies.Where(IsSluice).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var test in sluice.Where(IsTestProject))
        {
            yield return $"{project} references the test project {test} ({describe}); production code must not depend on tests.";
        }

        var rule = RuleFor(project);
        if (rule is null)
        {
            yield return $"{project} is not in the layer table (tests/Sluice.Architecture.Tests/LayerTable.cs): add it with the projects " +
                "it may depend on, following ARCHITECTURE.md.";
            yield break;
        }

        foreach (var dependency in sluice.Where(d => !IsTestProject(d) && d != project && !rule.Allows(d)))
        {
            yield return $"{project} must not depend on {dependency} ({describe}); it may depend on: {rule.Describe()}.";
        }
    }

    public static bool IsTestProject(string name) => name.EndsWith(".Tests", StringComparison.Ordinal);

    private static bool IsSluice(string name) => name == "Sluice" || name.StartsWith("Sluice.", StringComparison.Ordinal);
}

/// <summary>One row of the layer table.</summary>
/// <param name="Project">A project name, or a <c>Prefix.*</c> pattern.</param>
/// <param name="Allowed">The projects it may depend on (when <paramref name="AllowAll"/> is false).</param>
/// <param name="AllowAll">When true, it may depend on any project except <paramref name="Denied"/>.</param>
/// <param name="Denied">The projects it must not depend on when <paramref name="AllowAll"/> is true.</param>
internal sealed record LayerRule(string Project, IReadOnlyList<string> Allowed, bool AllowAll, IReadOnlyList<string> Denied)
{
    public static LayerRule Only(string project, params string[] allowed) => new(project, allowed, AllowAll: false, []);

    public static LayerRule AnyExcept(string project, params string[] denied) => new(project, [], AllowAll: true, denied);

    public bool Matches(string project) =>
        Project.EndsWith(".*", StringComparison.Ordinal)
            ? project.StartsWith(Project[..^1], StringComparison.Ordinal)
            : project == Project;

    public bool Allows(string dependency) =>
        AllowAll ? !Denied.Contains(dependency) : Allowed.Contains(dependency);

    public string Describe() =>
        AllowAll ? $"anything except {string.Join(", ", Denied)}" : Allowed.Count == 0 ? "nothing" : string.Join(", ", Allowed);
}
