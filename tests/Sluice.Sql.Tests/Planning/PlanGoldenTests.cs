using System.Reflection;
using System.Text;
using Sluice.Sql.Ast;
using Sluice.Sql.Planning;
using Sluice.Sql.Tests.Binding;

namespace Sluice.Sql.Tests.Planning;

/// <summary>
/// Golden plans: every <c>Cases/Plan/**/*.sql</c> script runs against a fresh catalog (after the nearest <c>_prelude.sql</c> of
/// its folder or an ancestor, if any). DDL is executed; SHOW/DESCRIBE/EXPLAIN results and the optimized logical plan of every query
/// and INSERT are written, each under its statement, and compared with <c>*.plan.txt</c> beside the script. A first
/// line <c>-- fail: text</c> marks a script that must fail with a positioned error whose message contains
/// <c>text</c>. <c>UPDATE_GOLDEN=1 dotnet test</c> rewrites the expected files; review the diff.
/// </summary>
public class PlanGoldenTests
{
    private const string FailMarker = "-- fail: ";
    private const string PlanSuffix = ".plan.txt";
    private const string Prelude = "_prelude.sql";

    private static readonly string CasesDirectory = Path.Combine(typeof(PlanGoldenTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CasesDirectory").Value!, "Plan");

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(CasesDirectory, "*.sql", SearchOption.AllDirectories)
                     .Where(p => Path.GetFileName(p) != Prelude)
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CasesDirectory, path));
        }

        return data;
    }

    [Fact]
    public void Cases_AreFound()
    {
        Assert.True(Cases().Count >= 20, $"expected plan cases under {CasesDirectory}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_PlansAsRecorded(string relativePath)
    {
        var path = Path.Combine(CasesDirectory, relativePath);
        var sql = File.ReadAllText(path);
        var catalog = TestCatalogs.Empty();
        var prelude = FindPrelude(Path.GetDirectoryName(path)!);
        if (prelude is not null)
        {
            TestCatalogs.Run(catalog, File.ReadAllText(prelude));
        }

        var firstLine = sql.Split('\n', 2)[0].TrimEnd('\r');
        if (firstLine.StartsWith(FailMarker, StringComparison.Ordinal))
        {
            var expected = firstLine[FailMarker.Length..];
            var error = Assert.Throws<SqlException>(() => Run(sql, catalog));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            AstAssert.PositionIsValid(error, sql);
            return;
        }

        var output = Run(sql, catalog);
        var goldenPath = Path.ChangeExtension(path, null) + PlanSuffix;
        if (Update)
        {
            File.WriteAllText(goldenPath, output);
            return;
        }

        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run UPDATE_GOLDEN=1 dotnet test and review it");
        Assert.Equal(File.ReadAllText(goldenPath), output);
    }

    /// <summary>The nearest <c>_prelude.sql</c> in the case's folder or its ancestors up to <c>Cases/Plan</c>.</summary>
    private static string? FindPrelude(string directory)
    {
        for (var current = directory; current.StartsWith(CasesDirectory, StringComparison.Ordinal); current = Path.GetDirectoryName(current)!)
        {
            var candidate = Path.Combine(current, Prelude);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs a script; returns the plans and results of the statements that produce output.</summary>
    private static string Run(string sql, Sluice.Sql.Catalog.InMemoryCatalog catalog)
    {
        var output = new StringBuilder();
        foreach (var statement in SqlParser.ParseScript(sql))
        {
            var inserts = statement is StatementSetStatement set ? set.Statements.Cast<SqlStatement>().ToList() : [statement];
            foreach (var single in inserts)
            {
                string? text = null;
                if (Planner.IsQueryOrInsert(single))
                {
                    text = Planner.Plan(single, catalog).Explain();
                }
                else
                {
                    var result = Planner.Execute(single, catalog);
                    if (result.HasRows)
                    {
                        text = result.ToString();
                    }
                }

                if (text is not null)
                {
                    output.Append("-- ").Append(SqlFormatter.Format(single)).Append('\n').Append(text).Append('\n');
                }
            }
        }

        return output.ToString();
    }
}
