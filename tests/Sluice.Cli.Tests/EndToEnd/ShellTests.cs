namespace Sluice.Cli.Tests.EndToEnd;

/// <summary><c>sluice sql</c> with statements piped to standard input (no terminal: no prompts, no live views).</summary>
public class ShellTests
{
    private const string Source =
        "CREATE TABLE src (id BIGINT, grp STRING) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence', " +
        "'fields.id.start' = '1', 'fields.id.end' = '4', 'fields.grp.length' = '1');\n";

    [Fact]
    public async Task Sql_MultiLineStatementsAndResultModes_PrintedThenQuit()
    {
        using var here = new TempDirectory();
        var input = Source +
            "SET 'sql-client.execution.result-mode' = 'tableau';\n" +
            "SELECT id,\n" +
            "       id * 10 AS tenfold\n" +
            "  FROM src WHERE id <= 2;\n" +
            "quit;\n" +
            "SELECT 'never runs';\n";

        var run = await CliRun.RunAsync(here.Path, input, "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("[INFO] Execute statement succeeded.", lines[0]);
        Assert.Equal("[INFO] Session property has been set.", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("| op |", StringComparison.Ordinal) && l.Contains("tenfold", StringComparison.Ordinal));
        var changes = lines.Where(l => l.StartsWith("| +I |", StringComparison.Ordinal))
            .Select(l => string.Join(",", l.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["+I,1,10", "+I,2,20"], changes);
        Assert.Contains("Received a total of 2 rows", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("never runs", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_CatalogAndDatabaseStatements_PrintFlink2sClientMessage_AndTheirRows()
    {
        using var here = new TempDirectory();
        var input =
            "CREATE CATALOG c1 WITH ('type' = 'generic_in_memory');\n" +
            "ALTER CATALOG c1 SET ('default-database' = 'db');\n" +
            "CREATE DATABASE c1.db2 COMMENT 'db2_comment' WITH ('k1' = 'v1');\n" +
            "ALTER DATABASE c1.db2 SET ('k1' = 'a');\n" +
            "USE CATALOG c1;\n" +
            "DROP DATABASE db2;\n" +
            "DESCRIBE CATALOG c1;\n";

        var run = await CliRun.RunAsync(here.Path, input, "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.ReplaceLineEndings("\n").Split('\n');

        // Flink 2's SQL client (on the SQL gateway) prints this for every such statement, no "Catalog has been created.".
        Assert.Equal(Enumerable.Repeat("[INFO] Execute statement succeeded.", 6), lines.Take(6));
        Assert.Contains("|      name |                c1 |", lines);
        Assert.Contains("|      type | generic_in_memory |", lines);
    }

    [Fact]
    public async Task Sql_TableModeNotOnATerminal_TheFinalTableOfABoundedQuery()
    {
        using var here = new TempDirectory();

        var run = await CliRun.RunAsync(here.Path, Source + "SELECT COUNT(*) AS n FROM src;\n", "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("+---+\n| n |\n+---+\n| 4 |\n+---+\n1 row in set\n", run.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_ErrorInAStatement_ReportedAndTheShellGoesOn()
    {
        using var here = new TempDirectory();

        var run = await CliRun.RunAsync(here.Path, Source + "SELECT nope FROM src;\nSET 'sql-client.execution.result-mode' = 'fancy';\nSHOW TABLES;\n", "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[ERROR] line 1, column 8: ", run.Error, StringComparison.Ordinal);
        Assert.Contains("  1 | SELECT nope FROM src;\n    |        ^~~~\n", run.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("'fancy' is not a result mode", run.Error, StringComparison.Ordinal);
        Assert.Contains("|        src |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_InitScript_RunsFirst_ItsTablesAreThere()
    {
        using var here = new TempDirectory();
        here.Write("init.sql", Source);

        var run = await CliRun.RunAsync(here.Path, "SHOW TABLES;\n", "sql", "--init", "init.sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("[INFO]", run.Output, StringComparison.Ordinal);
        Assert.Contains("|        src |", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_InitScriptWithAnError_ExitsNonZeroWithItsPosition()
    {
        using var here = new TempDirectory();
        here.Write("init.sql", "CREATE TABLE t (a INT) WITH ('connector' = 'datagen');\nCREATE TABLE t (a INT) WITH ('connector' = 'datagen');\n");

        var run = await CliRun.RunAsync(here.Path, "", "sql", "--init", "init.sql");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("init.sql:2:14: Table 't' already exists", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sql_InsertInTheBackground_WaitedForAtTheEnd()
    {
        using var here = new TempDirectory();
        var input = Source + "CREATE TABLE out (id BIGINT) WITH ('connector' = 'print');\nINSERT INTO out SELECT id FROM src;\n";

        var run = await CliRun.RunAsync(here.Path, input, "sql");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("[INFO] Submitted job", run.Output, StringComparison.Ordinal);
        var printed = run.Output.ReplaceLineEndings("\n").Split('\n').Where(l => l.StartsWith("+I[", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["+I[1]", "+I[2]", "+I[3]", "+I[4]"], printed);
    }

    [Fact]
    public async Task Sql_Help_ListsTheCommands()
    {
        using var here = new TempDirectory();

        var run = await CliRun.RunAsync(here.Path, "HELP;\nexit\n", "sql");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("QUIT; EXIT;", run.Output, StringComparison.Ordinal);
        Assert.Contains("sql-client.execution.result-mode", run.Output, StringComparison.Ordinal);
    }
}
