using System.Reflection;

namespace Sluice.Sql.Tests.Properties;

/// <summary>
/// Golden files: every <c>Cases/Parse/**/*.sql</c> script is parsed and formatted, and the result is compared with
/// <c>*.formatted.sql</c> beside it. A first line <c>-- fail: text</c> marks a script that must fail with a message
/// containing <c>text</c>. <c>UPDATE_GOLDEN=1 dotnet test</c> rewrites the expected files; review the diff.
/// </summary>
public class GoldenCaseTests
{
    private const string FailMarker = "-- fail: ";
    private const string FormattedSuffix = ".formatted.sql";

    private static readonly string CasesDirectory = typeof(GoldenCaseTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CasesDirectory").Value!;

    private static bool Update => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        // Cases/Plan holds the planner's golden cases (Planning/PlanGoldenTests); this test owns Cases/Parse.
        foreach (var path in Directory.EnumerateFiles(Path.Combine(CasesDirectory, "Parse"), "*.sql", SearchOption.AllDirectories)
                     .Where(p => !p.EndsWith(FormattedSuffix, StringComparison.Ordinal))
                     .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(CasesDirectory, path));
        }

        return data;
    }

    [Fact]
    public void Cases_AreFound()
    {
        Assert.True(Cases().Count >= 20, $"expected golden cases under {CasesDirectory}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_ParsesAndFormatsAsRecorded(string relativePath)
    {
        var path = Path.Combine(CasesDirectory, relativePath);
        var sql = File.ReadAllText(path);
        var firstLine = sql.Split('\n', 2)[0].TrimEnd('\r');
        if (firstLine.StartsWith(FailMarker, StringComparison.Ordinal))
        {
            var expected = firstLine[FailMarker.Length..];
            var error = Assert.Throws<SqlException>(() => SqlParser.ParseScript(sql));
            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            return;
        }

        var formatted = SqlFormatter.FormatScript(SqlParser.ParseScript(sql));
        Assert.Equal(formatted, SqlFormatter.FormatScript(SqlParser.ParseScript(formatted)));

        var goldenPath = Path.ChangeExtension(path, null) + FormattedSuffix;
        if (Update)
        {
            File.WriteAllText(goldenPath, formatted);
            return;
        }

        Assert.True(File.Exists(goldenPath), $"{goldenPath} is missing; run UPDATE_GOLDEN=1 dotnet test and review it");
        Assert.Equal(File.ReadAllText(goldenPath), formatted);
    }
}
