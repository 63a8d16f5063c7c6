using Sluice.Cli.Execution;
using Sluice.Core.Errors;
using Sluice.Sql;
using Sluice.Sql.Syntax;

namespace Sluice.Cli.Tests.Execution;

public class ErrorReporterTests
{
    private const string Script = "CREATE TABLE t (a INT);\n\nSELECT nope\n  FROM t;\n";

    [Fact]
    public void Format_SqlError_FileLineColumnReasonThenTheLineAndACaret()
    {
        var start = Script.IndexOf("nope", StringComparison.Ordinal);
        var error = new SqlException(SqlErrorCode.SyntaxError, new SourceSpan(start, start + 4, 3, 8), "Column 'nope' not found.");

        var text = new ErrorReporter(TextWriter.Null, verbose: false).Format(error, new SqlSource("jobs/report.sql", Script));

        Assert.Equal(
            "jobs/report.sql:3:8: Column 'nope' not found.\n" +
            "  3 | SELECT nope\n" +
            "    |        ^~~~\n",
            text);
    }

    [Fact]
    public void Format_SqlErrorAtATab_KeepsTheTabUnderIt()
    {
        const string text = "SELECT\tx FROM t;";
        var error = new SqlException(SqlErrorCode.SyntaxError, new SourceSpan(7, 8, 1, 8), "Unknown column.");

        var message = new ErrorReporter(TextWriter.Null, verbose: false).Format(error, new SqlSource("a.sql", text));

        Assert.EndsWith("  1 | SELECT\tx FROM t;\n    |       \t^\n", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ErrorWithoutPosition_PositionedAtItsStatement()
    {
        var error = new SluiceException("Table 'orders' has no option 'connector'.", ErrorDomain.User);

        var text = new ErrorReporter(TextWriter.Null, verbose: false).Format(error, new SqlSource("s.sql", Script), Script.IndexOf("\n\nSELECT", StringComparison.Ordinal) + 1);

        Assert.Equal("s.sql:3:1: Table 'orders' has no option 'connector'.\n", text);
    }

    [Fact]
    public void Format_ShellSqlError_PrefixAndLineColumn()
    {
        var error = new SqlException(SqlErrorCode.SyntaxError, new SourceSpan(7, 11, 1, 8), "Unexpected 'FORM'.");

        var text = new ErrorReporter(TextWriter.Null, verbose: false, "[ERROR] ").Format(error, new SqlSource(null, "SELECT FORM t;"));

        Assert.StartsWith("[ERROR] line 1, column 8: Unexpected 'FORM'.\n  1 | SELECT FORM t;\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RootCause_TaskFailure_NamesTheOperatorAndTheInnermostReason()
    {
        var root = new FormatException("Cannot parse 'x' as INT in column 3.");
        var failure = new JobException("Job failed after 0 restarts.", ErrorDomain.User,
            new TaskFailureException("join-4", 1, new InvalidOperationException("Decoding failed.", root)));

        Assert.Equal("operator 'join-4' (subtask 1): Cannot parse 'x' as INT in column 3.", ErrorReporter.RootCause(failure));
    }

    [Fact]
    public void ReportJobFailure_OneLineWithoutStackTrace_UnlessVerbose()
    {
        var failure = new TaskFailureException("sink:out", 0, new IOException("Disk full."));
        var quiet = new StringWriter();
        var verbose = new StringWriter();

        new ErrorReporter(quiet, verbose: false).ReportJobFailure("insert-into_out", failure);
        new ErrorReporter(verbose, verbose: true).ReportJobFailure("insert-into_out", failure);

        Assert.Equal("Job 'insert-into_out' failed: operator 'sink:out' (subtask 0): Disk full.\n", quiet.ToString());
        Assert.StartsWith(quiet.ToString(), verbose.ToString(), StringComparison.Ordinal);
        Assert.Contains(nameof(TaskFailureException), verbose.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Format_UnexpectedException_InternalErrorWithAHint()
    {
        var text = new ErrorReporter(TextWriter.Null, verbose: false).Format(new NullReferenceException("boom"));

        Assert.Equal("Internal error: NullReferenceException: boom\n(run with --verbose for the stack trace)\n", text);
    }
}
