using System.Runtime.CompilerServices;

namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>
/// One golden SQL execution case: <c>Cases/Exec/&lt;feature&gt;/&lt;name&gt;.sql</c> (DDL, then exactly one final query) and
/// its expected output <c>&lt;name&gt;.out</c> beside it (see <see cref="GoldenExpectation"/>).
/// </summary>
/// <remarks>
/// Markers are comment lines anywhere in the script: <c>-- pending: &lt;reason&gt;</c> skips the case (its feature is
/// not executable yet), <c>-- exact-changelog</c> also checks the exact changelog at parallelism 1 (only for cases
/// whose changelog is deterministic there: one source, or an order the operators fix).
/// </remarks>
internal sealed record GoldenCase(string Name, string SqlPath, string Sql)
{
    private const string PendingMarker = "-- pending:";
    private const string ExactChangelogMarker = "-- exact-changelog";

    /// <summary>The directory of the cases: <c>tests/Sluice.Sql.Physical.Tests/Cases/Exec</c>.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The expected output's path.</summary>
    public string OutPath => Path.ChangeExtension(SqlPath, ".out");

    /// <summary>The reason of a <c>-- pending:</c> marker, or null.</summary>
    public string? PendingReason => PendingReasonOf(Sql);

    /// <summary>True when the script has the <c>-- exact-changelog</c> marker.</summary>
    public bool ExactChangelog => MarkerLines(Sql).Any(l => l == ExactChangelogMarker);

    /// <summary>The names of every case (<c>feature/name</c>, without <c>.sql</c>), sorted ordinally.</summary>
    public static IReadOnlyList<string> All() =>
    [
        .. Directory.EnumerateFiles(Root, "*.sql", SearchOption.AllDirectories)
            .Select(p => Path.ChangeExtension(Path.GetRelativePath(Root, p), null).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>Loads the case <paramref name="name"/> (<c>feature/name</c>).</summary>
    public static GoldenCase Load(string name)
    {
        var path = Path.Combine(Root, name + ".sql");
        return new GoldenCase(name, path, File.ReadAllText(path));
    }

    /// <summary>The pending reason of case <paramref name="name"/>, or null when it runs (for test discovery).</summary>
    public static string? PendingReasonFor(string name) => Load(name).PendingReason;

    private static string? PendingReasonOf(string sql) =>
        MarkerLines(sql).FirstOrDefault(l => l.StartsWith(PendingMarker, StringComparison.Ordinal)) is { } line
            ? "pending: " + line[PendingMarker.Length..].Trim()
            : null;

    private static IEnumerable<string> MarkerLines(string sql) =>
        sql.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("--", StringComparison.Ordinal));

    /// <summary>
    /// The cases directory: from <c>SLUICE_EXEC_CASES</c>, else beside this source file (compile-time path), else by
    /// walking up from the current and the base directory.
    /// </summary>
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        const string Relative = "tests/Sluice.Sql.Physical.Tests/Cases/Exec";
        if (Environment.GetEnvironmentVariable("SLUICE_EXEC_CASES") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var besideSource = Path.Combine(Path.GetDirectoryName(sourceFile) ?? "", "..", "Cases", "Exec");
        if (Directory.Exists(besideSource))
        {
            return Path.GetFullPath(besideSource);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, Relative);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"Cannot find {Relative}; set SLUICE_EXEC_CASES to its path.");
    }
}
