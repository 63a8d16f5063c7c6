using System.Text;
using Sluice.Core.Errors;
using Sluice.Sql;

namespace Sluice.Cli.Execution;

/// <summary>
/// Turns failures into one clear message on standard error, never a stack trace unless verbose:
/// <list type="bullet">
/// <item>a SQL error as <c>file:line:column: reason</c>, then the offending line and a caret under the column;</item>
/// <item>another error of a statement at the statement's position (<c>file:line:column: message</c>);</item>
/// <item>a job failure with its root cause and the operator where it happened;</item>
/// <item>anything unexpected as an internal error, with a hint to use <c>--verbose</c>.</item>
/// </list>
/// </summary>
internal sealed class ErrorReporter
{
    private readonly TextWriter _error;

    /// <summary>Creates the reporter.</summary>
    /// <param name="error">Standard error.</param>
    /// <param name="verbose">Append the full exception (with stack traces) to every message.</param>
    /// <param name="prefix">Put before every message (the shell's <c>[ERROR] </c>); empty for scripts.</param>
    public ErrorReporter(TextWriter error, bool verbose, string prefix = "")
    {
        _error = error;
        Verbose = verbose;
        Prefix = prefix;
    }

    /// <summary>True when stack traces are shown.</summary>
    public bool Verbose { get; }

    /// <summary>The prefix of every message.</summary>
    public string Prefix { get; }

    /// <summary>Reports a failure of the script or statement <paramref name="source"/> (null when not about SQL text).</summary>
    /// <param name="exception">What failed.</param>
    /// <param name="source">The SQL text and its name (a file name, or null in the shell).</param>
    /// <param name="statementStart">The offset in the text of the statement that failed, for errors without a position.</param>
    public void Report(Exception exception, SqlSource? source = null, int? statementStart = null)
    {
        _error.Write(Format(exception, source, statementStart));
        _error.Flush();
    }

    /// <summary>Reports that a job ended with <paramref name="failure"/>.</summary>
    public void ReportJobFailure(string jobName, Exception failure)
    {
        var builder = new StringBuilder(Prefix).Append("Job '").Append(jobName).Append("' failed: ").Append(RootCause(failure)).Append('\n');
        AppendDetails(builder, failure);
        _error.Write(builder.ToString());
        _error.Flush();
    }

    /// <summary>The message <see cref="Report"/> writes.</summary>
    public string Format(Exception exception, SqlSource? source = null, int? statementStart = null)
    {
        var builder = new StringBuilder(Prefix);
        switch (exception)
        {
            case SqlException sql when source is not null:
                builder.Append(Location(source, sql.Line, sql.Column)).Append(sql.Reason).Append('\n');
                AppendCaret(builder, source.Text, sql.Span.Start, sql.Line, sql.Column, sql.Span.Length);
                break;
            case SqlException sql:
                builder.Append(sql.Message).Append('\n');
                break;
            case SluiceException when source is not null && statementStart is { } start:
                var (line, column) = Position(source.Text, start);
                builder.Append(Location(source, line, column)).Append(RootCause(exception)).Append('\n');
                break;
            case SluiceException or IOException or UnauthorizedAccessException:
                builder.Append(RootCause(exception)).Append('\n');
                break;
            default:
                builder.Append("Internal error: ").Append(exception.GetType().Name).Append(": ").Append(exception.Message).Append('\n');
                if (!Verbose)
                {
                    builder.Append("(run with --verbose for the stack trace)\n");
                }

                break;
        }

        AppendDetails(builder, exception);
        return builder.ToString();
    }

    /// <summary>
    /// The message of the innermost cause, with the operator and subtask where a task failed:
    /// <c>operator 'join-3' (subtask 1): reason</c>.
    /// </summary>
    public static string RootCause(Exception exception)
    {
        TaskFailureException? task = null;
        var current = exception;
        while (true)
        {
            if (current is TaskFailureException t)
            {
                task ??= t;
            }

            var inner = current is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : current.InnerException;
            if (inner is null)
            {
                break;
            }

            current = inner;
        }

        var reason = current == task ? task.InnerException?.Message ?? task.Message : current.Message;
        return task is null ? reason : $"operator '{task.OperatorId}' (subtask {task.SubtaskIndex}): {reason}";
    }

    private static string Location(SqlSource source, int line, int column) =>
        source.Name is null ? $"line {line}, column {column}: " : $"{source.Name}:{line}:{column}: ";

    private static (int Line, int Column) Position(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Clamp(offset, 0, text.Length);
        for (var i = 0; i < end; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        // Skip the whitespace before the statement, so that the position is where it visibly starts.
        while (end < text.Length && char.IsWhiteSpace(text[end]))
        {
            if (text[end] == '\n')
            {
                line++;
                lineStart = end + 1;
            }

            end++;
        }

        return (line, end - lineStart + 1);
    }

    private static void AppendCaret(StringBuilder builder, string text, int offset, int line, int column, int length)
    {
        var lineStart = Math.Clamp(offset - (column - 1), 0, text.Length);
        var lineEnd = text.IndexOfAny(['\r', '\n'], lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }

        var content = text[lineStart..lineEnd];
        var gutter = $"{line} | ";
        builder.Append(' ', 2).Append(gutter).Append(content).Append('\n');
        builder.Append(' ', 2 + gutter.Length - 2).Append("| ");
        for (var i = 0; i < column - 1 && i < content.Length; i++)
        {
            builder.Append(content[i] == '\t' ? '\t' : ' ');
        }

        var marks = Math.Max(1, Math.Min(length, content.Length - (column - 1)));
        builder.Append('^').Append('~', marks - 1).Append('\n');
    }

    private void AppendDetails(StringBuilder builder, Exception exception)
    {
        if (Verbose)
        {
            builder.Append(exception).Append('\n');
        }
    }
}
