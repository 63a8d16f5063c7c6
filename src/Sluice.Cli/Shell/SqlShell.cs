using Sluice.Cli.Execution;
using Sluice.Cli.Output;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Sql;
using Sluice.Sql.Ast;
using Sluice.Sql.Physical.Results;
using Sluice.Sql.Physical.Session;

namespace Sluice.Cli.Shell;

/// <summary>
/// <c>sluice sql</c>: an interactive shell like Flink's SQL client. Statements may span lines and end in <c>;</c>
/// (<see cref="StatementSplitter"/>); each runs when complete: DDL, <c>SET</c>, <c>RESET</c>, <c>SHOW</c>,
/// <c>DESCRIBE</c>, <c>EXPLAIN</c> print their result or an <c>[INFO]</c> line; a query runs in the foreground and
/// shows its result in the session's result mode (<c>SET 'sql-client.execution.result-mode'</c>: table, changelog or
/// tableau) until it ends or Ctrl-C cancels it; an <c>INSERT</c> starts a job in the background (or in the foreground
/// with <c>SET 'table.dml-sync' = 'true'</c>). <c>HELP;</c>, <c>CLEAR;</c>, <c>QUIT;</c>/<c>EXIT;</c> and Ctrl-D work
/// as in Flink. On a terminal lines are read with the <see cref="LineEditor"/> and its history (persisted in
/// <c>~/.sluice_history</c>); otherwise lines are read from standard input without prompts.
/// </summary>
/// <remarks>
/// When the shell ends, background jobs whose input is bounded are waited for (Ctrl-C cancels them) and unbounded ones
/// are cancelled. Not thread-safe.
/// </remarks>
internal sealed partial class SqlShell
{
    /// <summary>The first prompt.</summary>
    public const string Prompt = "sluice> ";

    /// <summary>The prompt of a statement's further lines.</summary>
    public const string ContinuationPrompt = "      > ";

    private const string DmlSyncKey = "table.dml-sync";

    private readonly CliConsole _console;
    private readonly string? _initScript;
    private readonly string? _initScriptName;
    private readonly TimeProvider _time;
    private readonly ErrorReporter _errors;
    private readonly List<SqlJob> _background = [];

    /// <summary>Creates the shell.</summary>
    /// <param name="console">The console.</param>
    /// <param name="initScript">The absolute path of a script to run first, or null.</param>
    /// <param name="initScriptName">The script as the user named it.</param>
    /// <param name="verbose">Show stack traces.</param>
    /// <param name="time">The clock.</param>
    public SqlShell(CliConsole console, string? initScript, string? initScriptName, bool verbose, TimeProvider time)
    {
        _console = console;
        _initScript = initScript;
        _initScriptName = initScriptName;
        _time = time;
        _errors = new ErrorReporter(console.Error, verbose, "[ERROR] ");
    }

    /// <summary>Runs the shell until QUIT, EXIT, Ctrl-D or the end of input; returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        var session = new SqlSession(new SqlSessionOptions(SessionFactory.CreateRegistry(_console))
        {
            ScriptDirectory = _initScript is null ? _console.CurrentDirectory : Path.GetDirectoryName(_initScript),
            Clock = _time,
            CollectInserts = false,
        });
        var presenter = new JobPresenter(_console, _time);
        try
        {
            if (_initScript is not null && !await RunInitScriptAsync(session, presenter).ConfigureAwait(false))
            {
                return ExitCodes.Failure;
            }

            var interactive = _console.IsInputTerminal;
            var editor = interactive
                ? new LineEditor(_console, _console.HomeDirectory is { } home
                    ? LineHistory.Load(Path.Combine(home, LineHistory.FileName))
                    : LineHistory.InMemory())
                : null;
            if (interactive)
            {
                await _console.Out.WriteLineAsync(
                    $"Sluice SQL shell {Program.Version}. Statements end with ';'. Type HELP; for help, QUIT; to leave.").ConfigureAwait(false);
            }

            var splitter = new StatementSplitter();
            while (true)
            {
                await ReportEndedBackgroundJobsAsync().ConfigureAwait(false);
                var read = editor is not null
                    ? editor.ReadLine(splitter.IsEmpty ? Prompt : ContinuationPrompt)
                    : await _console.In.ReadLineAsync().ConfigureAwait(false) is { } piped
                        ? new LineRead(LineReadKind.Line, piped)
                        : new LineRead(LineReadKind.EndOfInput, "");
                if (read.Kind == LineReadKind.EndOfInput)
                {
                    return ExitCodes.Success;
                }

                if (read.Kind == LineReadKind.Interrupted)
                {
                    splitter.Reset();
                    continue;
                }

                if (splitter.IsEmpty && IsQuit(read.Text))
                {
                    return ExitCodes.Success;
                }

                foreach (var statement in splitter.AddLine(read.Text))
                {
                    if (IsQuit(statement))
                    {
                        return ExitCodes.Success;
                    }

                    await ExecuteAsync(session, presenter, statement).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await EndBackgroundJobsAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The shell's help text.</summary>
    public static string HelpText =>
        """
        Statements end with ';' and may span several lines.

          HELP;                       Show this help.
          QUIT; EXIT; (or Ctrl-D)     Leave the shell.
          CLEAR;                      Clear the terminal.
          SET;                        Show the session options.
          SET 'key' = 'value';        Set a session option.
          RESET 'key'; RESET;         Reset one or all session options.
          CREATE TABLE ... WITH (...); and other DDL
          SHOW TABLES; DESCRIBE t; EXPLAIN SELECT ...;
          SELECT ...;                 Run a query and show its result (Ctrl-C cancels it).
          INSERT INTO ... SELECT ...; Start a job in the background (SET 'table.dml-sync' = 'true' waits for it).
          SHOW JOBS;                  List the background jobs: id, name, status, start time.
          STOP JOB 'id' [WITH SAVEPOINT]; Stop a background job (with a savepoint: its path is shown).

        Result modes: SET 'sql-client.execution.result-mode' = 'table' (default) | 'changelog' | 'tableau';
        Up and down arrows recall earlier lines; the history is kept in ~/.sluice_history.

        """;

    private static bool IsQuit(string text)
    {
        var command = text.Trim().TrimEnd(';').Trim();
        return command.Equals("quit", StringComparison.OrdinalIgnoreCase) || command.Equals("exit", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<bool> RunInitScriptAsync(SqlSession session, JobPresenter presenter)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_initScript!).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await _console.Error.WriteLineAsync(ex is FileNotFoundException or DirectoryNotFoundException
                ? $"{_initScriptName}: no such file"
                : $"{_initScriptName}: cannot be read: {ex.Message}").ConfigureAwait(false);
            return false;
        }

        var source = new SqlSource(_initScriptName, text);
        var errors = new ErrorReporter(_console.Error, _errors.Verbose);
        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = SqlSession.ParseScript(text, _initScriptName);
        }
        catch (SqlException ex)
        {
            errors.Report(ex, source);
            return false;
        }

        foreach (var statement in statements)
        {
            if (!await ExecuteStatementAsync(session, presenter, statement, source, errors, quiet: true).ConfigureAwait(false))
            {
                return false;
            }
        }

        return true;
    }

    private async Task ExecuteAsync(SqlSession session, JobPresenter presenter, string text)
    {
        var command = text.Trim().TrimEnd(';').Trim();
        if (command.Equals("help", StringComparison.OrdinalIgnoreCase))
        {
            await _console.Out.WriteAsync(HelpText).ConfigureAwait(false);
            return;
        }

        if (await TryRunJobCommandAsync(session, command, text).ConfigureAwait(false))
        {
            return;
        }

        if (command.Equals("clear", StringComparison.OrdinalIgnoreCase))
        {
            if (_console.IsOutputTerminal)
            {
                await _console.Out.WriteAsync("\u001b[2J\u001b[H").ConfigureAwait(false);
            }

            return;
        }

        var source = new SqlSource(null, text);
        IReadOnlyList<SqlStatement> statements;
        try
        {
            statements = SqlSession.ParseScript(text);
        }
        catch (SqlException ex)
        {
            _errors.Report(ex, source);
            return;
        }

        foreach (var statement in statements)
        {
            if (!await ExecuteStatementAsync(session, presenter, statement, source, _errors, quiet: false).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>Executes one statement; false when it failed (the error is reported).</summary>
    private async Task<bool> ExecuteStatementAsync(SqlSession session, JobPresenter presenter, SqlStatement statement, SqlSource source,
        ErrorReporter errors, bool quiet)
    {
        if (statement is SetStatement { Key: ResultFormatters.ResultModeKey, Value: { } mode } && !ResultFormatters.TryParseMode(mode, out _))
        {
            errors.Report(new SluiceException($"'{mode}' is not a result mode: use 'table', 'changelog' or 'tableau'.", ErrorDomain.User),
                source, statement.Span.Start);
            return false;
        }

        SqlStatementOutcome outcome;
        try
        {
            outcome = session.Execute(statement);
        }
        catch (SluiceException ex)
        {
            errors.Report(ex, source, statement.Span.Start);
            return false;
        }

        if (outcome.Result is { } result)
        {
            if (result.HasRows)
            {
                await _console.Out.WriteAsync(result.ToString()).ConfigureAwait(false);
            }
            else if (!quiet)
            {
                await _console.Out.WriteLineAsync(statement switch
                {
                    SetStatement => "[INFO] Session property has been set.",
                    ResetStatement { Key: null } => "[INFO] All session properties have been set to their default values.",
                    ResetStatement => "[INFO] Session property has been reset.",
                    _ => "[INFO] Execute statement succeeded.",
                }).ConfigureAwait(false);
            }

            await _console.Out.FlushAsync().ConfigureAwait(false);
            return true;
        }

        if (outcome.Job is not { } job)
        {
            return true;
        }

        if (job.ResultSchema is null)
        {
            return await RunInsertAsync(session, presenter, job, errors).ConfigureAwait(false);
        }

        await using (job.ConfigureAwait(false))
        {
            ResultFormatters.TryParseMode(session.Configuration.GetValueOrDefault(ResultFormatters.ResultModeKey, "table"), out var resultMode);
            var formatter = ResultFormatters.ForMode(resultMode, _console, job.ResultSchema, ResultText.Of(session), job.IsBounded,
                SessionFactory.MaxColumnWidthOf(session));
            var run = await presenter.RunQueryAsync(job, formatter).ConfigureAwait(false);
            if (run.Result.Status == JobStatus.Failed)
            {
                errors.ReportJobFailure(job.Name, run.Result.Failure ?? new JobException("The job failed."));
                return false;
            }

            if (run.Interrupted)
            {
                await _console.Out.WriteLineAsync("[INFO] Query cancelled.").ConfigureAwait(false);
            }

            return true;
        }
    }

    private async Task<bool> RunInsertAsync(SqlSession session, JobPresenter presenter, SqlJob job, ErrorReporter errors)
    {
        var sync = session.Configuration.TryGetValue(DmlSyncKey, out var value) && bool.TryParse(value, out var flag) && flag;
        if (!sync)
        {
            _background.Add(job);
            await _console.Out.WriteLineAsync(
                $"[INFO] Submitted job '{job.Name}'; it runs in the background{(job.IsBounded ? " until its input ends" : "")}.").ConfigureAwait(false);
            await _console.Out.WriteLineAsync($"Job ID: {RegisterBackgroundJob(job)}").ConfigureAwait(false);
            return true;
        }

        await using (job.ConfigureAwait(false))
        {
            var run = await presenter.RunInsertAsync(job, savepointDirectory: null, cancelOnInterrupt: true).ConfigureAwait(false);
            switch (run.Result.Status)
            {
                case JobStatus.Failed:
                    errors.ReportJobFailure(job.Name, run.Result.Failure ?? new JobException("The job failed."));
                    return false;
                case JobStatus.Cancelled:
                    await _console.Out.WriteLineAsync($"[INFO] Job '{job.Name}' cancelled.").ConfigureAwait(false);
                    return true;
                default:
                    await _console.Out.WriteLineAsync($"[INFO] Job '{job.Name}' finished.").ConfigureAwait(false);
                    return true;
            }
        }
    }

    /// <summary>Reports the background jobs that ended since the last prompt, and forgets them.</summary>
    private async Task ReportEndedBackgroundJobsAsync()
    {
        foreach (var job in _background.Where(j => j.Completion.IsCompleted).ToList())
        {
            var result = await job.Completion.ConfigureAwait(false);
            if (result.Status == JobStatus.Failed)
            {
                _errors.ReportJobFailure(job.Name, result.Failure ?? new JobException("The job failed."));
            }
            else
            {
                await _console.Out.WriteLineAsync($"[INFO] Job '{job.Name}' {(result.Status == JobStatus.Finished ? "finished" : result.Status.ToString().ToLowerInvariant())}.")
                    .ConfigureAwait(false);
            }

            _background.Remove(job);
            await job.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task EndBackgroundJobsAsync()
    {
        var running = _background.Where(j => !j.Completion.IsCompleted).ToList();
        var bounded = running.Where(j => j.IsBounded).ToList();
        if (bounded.Count > 0)
        {
            await _console.Error.WriteLineAsync(bounded.Count == 1
                ? $"[INFO] Waiting for job '{bounded[0].Name}' to finish (Ctrl-C cancels it)..."
                : $"[INFO] Waiting for {bounded.Count} jobs to finish (Ctrl-C cancels them)...").ConfigureAwait(false);
            using var subscription = _console.Interrupts.Subscribe(() =>
            {
                foreach (var job in bounded)
                {
                    _ = job.Client.CancelAsync();
                }
            });
            await Task.WhenAll(bounded.Select(j => j.Completion)).ConfigureAwait(false);
        }

        foreach (var job in _background)
        {
            var result = job.Completion.IsCompleted ? await job.Completion.ConfigureAwait(false) : null;
            if (result?.Status == JobStatus.Failed)
            {
                _errors.ReportJobFailure(job.Name, result.Failure ?? new JobException("The job failed."));
            }

            await job.DisposeAsync().ConfigureAwait(false);
        }

        _background.Clear();
    }
}
