using Sluice.Cli.Commands;
using Sluice.Cli.Output;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Sql;
using Sluice.Sql.Physical.Results;
using Sluice.Sql.Physical.Session;
using Sluice.State.Checkpoints;

namespace Sluice.Cli.Execution;

/// <summary>
/// <c>sluice run</c>: executes the statements of a script in order. DDL and <c>SET</c> print nothing (an
/// <c>[INFO]</c> line on standard error with <c>--verbose</c>); <c>SHOW</c>, <c>DESCRIBE</c> and <c>EXPLAIN</c> print
/// their result to standard output; a query runs as a job whose result goes to standard output in the chosen format;
/// every <c>INSERT</c> is collected and, after the last statement, all of them run as one job until its bounded
/// sources end, or until Ctrl-C stops it with a savepoint (whose path is printed on standard error). The collected
/// inserts run earlier, to their end, before a query that reads a table they write (when their inputs are bounded),
/// and after every statement with <c>SET 'table.dml-sync' = 'true'</c> (as Flink's SQL client runs a script).
/// </summary>
/// <remarks>
/// Checkpoints and savepoints go to <c>--checkpoint-dir</c> (savepoints in its <c>savepoints</c> folder). Without it,
/// checkpoints go to a temporary folder removed at the end, and a stopped job leaves its savepoint in
/// <c>.sluice/savepoints</c> under the current directory, where <c>--from-savepoint latest</c> looks for it.
/// </remarks>
internal sealed class ScriptRunner
{
    /// <summary>The folder under the current directory whose <c>savepoints</c> folder holds savepoints when there is no <c>--checkpoint-dir</c>.</summary>
    public const string DefaultDirectory = ".sluice";

    private const string DmlSyncKey = "table.dml-sync";

    private readonly CliConsole _console;
    private readonly RunSettings _settings;
    private readonly ErrorReporter _errors;
    private readonly TimeProvider _time;

    /// <summary>Creates the runner.</summary>
    public ScriptRunner(CliConsole console, RunSettings settings, TimeProvider time)
    {
        _console = console;
        _settings = settings;
        _time = time;
        _errors = new ErrorReporter(console.Error, settings.Verbose);
    }

    /// <summary>Runs the script and returns the exit code.</summary>
    public async Task<int> RunAsync()
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(_settings.ScriptPath).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _console.Error.WriteLine(ex is FileNotFoundException or DirectoryNotFoundException
                ? $"{_settings.ScriptName}: no such file"
                : $"{_settings.ScriptName}: cannot be read: {ex.Message}");
            return ExitCodes.Failure;
        }

        var userDirectory = _settings.CheckpointDirectory;
        var checkpoints = userDirectory ?? Path.Combine(Path.GetTempPath(), "sluice-checkpoints-" + Guid.NewGuid().ToString("N"));
        var savepoints = Path.Combine(userDirectory ?? Path.Combine(_console.CurrentDirectory, DefaultDirectory), "savepoints");
        try
        {
            var from = _settings.FromSavepoint;
            if (userDirectory is null && string.Equals(from, "latest", StringComparison.Ordinal))
            {
                from = await FindLatestSavepointAsync().ConfigureAwait(false);
            }

            return await RunAsync(text, checkpoints, savepoints, from).ConfigureAwait(false);
        }
        finally
        {
            if (userDirectory is null)
            {
                DeleteQuietly(checkpoints);
            }
        }
    }

    private async Task<int> RunAsync(string text, string checkpoints, string savepoints, string? fromSavepoint)
    {
        var source = new SqlSource(_settings.ScriptName, text);
        var session = new SqlSession(new SqlSessionOptions(SessionFactory.CreateRegistry(_console))
        {
            Parallelism = _settings.Parallelism,
            CheckpointDirectory = checkpoints,
            CheckpointInterval = _settings.CheckpointInterval,
            FromSavepoint = fromSavepoint,
            ScriptDirectory = Path.GetDirectoryName(_settings.ScriptPath),
            Clock = _time,
            CollectInserts = true,
        });

        IReadOnlyList<Sql.Ast.SqlStatement> statements;
        try
        {
            statements = SqlSession.ParseScript(text, _settings.ScriptName);
        }
        catch (SqlException ex)
        {
            _errors.Report(ex, source);
            return ExitCodes.Failure;
        }

        var presenter = new JobPresenter(_console, _time);
        foreach (var statement in statements)
        {
            SqlStatementOutcome outcome;
            try
            {
                // A query that reads what the inserts before it write sees their rows: they run first (as with Flink's
                // table.dml-sync), when they end by themselves.
                if (statement is Sql.Ast.QueryStatement && session.CollectedInsertCount > 0
                    && (DmlSync(session) || session.ReadsCollectedSinks(statement)))
                {
                    var code = await RunCollectedInsertsAsync(session, source, savepoints, presenter).ConfigureAwait(false);
                    if (code != ExitCodes.Success)
                    {
                        return code;
                    }
                }

                outcome = session.Execute(statement);
            }
            catch (SluiceException ex)
            {
                _errors.Report(ex, source, statement.Span.Start);
                return ExitCodes.Failure;
            }

            if (DmlSync(session) && session.CollectedInsertCount > 0)
            {
                // SET 'table.dml-sync' = 'true': every INSERT (statement set, CTAS) runs to its end where it stands.
                var code = await RunCollectedInsertsAsync(session, source, savepoints, presenter).ConfigureAwait(false);
                if (code != ExitCodes.Success)
                {
                    return code;
                }
            }

            if (outcome.Result is { } result)
            {
                if (result.HasRows)
                {
                    await _console.Out.WriteAsync(result.ToString()).ConfigureAwait(false);
                    await _console.Out.FlushAsync().ConfigureAwait(false);
                }
                else if (_settings.Verbose)
                {
                    await _console.Error.WriteLineAsync("[INFO] Execute statement succeeded.").ConfigureAwait(false);
                }
            }
            else if (outcome.Job is { } job)
            {
                var code = await RunQueryAsync(session, job, presenter).ConfigureAwait(false);
                if (code != ExitCodes.Success)
                {
                    return code;
                }
            }
        }

        SqlJob? inserts;
        try
        {
            inserts = session.SubmitCollectedInserts();
        }
        catch (SluiceException ex)
        {
            _errors.Report(ex, source);
            return ExitCodes.Failure;
        }

        return inserts is null ? ExitCodes.Success : await RunInsertsAsync(inserts, savepoints, presenter).ConfigureAwait(false);
    }

    /// <summary>Whether <c>table.dml-sync</c> is <c>true</c>: inserts run where they stand, one after the other.</summary>
    private static bool DmlSync(SqlSession session) =>
        session.Configuration.TryGetValue(DmlSyncKey, out var value) && bool.TryParse(value, out var flag) && flag;

    /// <summary>Runs the inserts collected so far as one job, to its end.</summary>
    private async Task<int> RunCollectedInsertsAsync(SqlSession session, SqlSource source, string savepoints, JobPresenter presenter)
    {
        SqlJob? inserts;
        try
        {
            inserts = session.SubmitCollectedInserts();
        }
        catch (SluiceException ex)
        {
            _errors.Report(ex, source);
            return ExitCodes.Failure;
        }

        return inserts is null ? ExitCodes.Success : await RunInsertsAsync(inserts, savepoints, presenter).ConfigureAwait(false);
    }

    /// <summary>The newest savepoint in <c>.sluice/savepoints</c> under the current directory, or null (with a note) when there is none.</summary>
    private async Task<string?> FindLatestSavepointAsync()
    {
        var directory = Path.Combine(_console.CurrentDirectory, DefaultDirectory);
        var latest = await new DirectoryCheckpointStorage(directory).FindLatestAsync(CancellationToken.None).ConfigureAwait(false);
        if (latest is null)
        {
            await _console.Error.WriteLineAsync($"[INFO] No savepoint in {Path.Combine(directory, "savepoints")}; starting from scratch.").ConfigureAwait(false);
            return null;
        }

        if (_settings.Verbose)
        {
            await _console.Error.WriteLineAsync($"[INFO] Starting from savepoint {latest.Path}.").ConfigureAwait(false);
        }

        return latest.Path;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temporary folder; the system cleans it up eventually.
        }
    }

    private async Task<int> RunQueryAsync(SqlSession session, SqlJob job, JobPresenter presenter)
    {
        await using (job.ConfigureAwait(false))
        {
            if (job.ResultSchema is null)
            {
                // An INSERT that was not collected (cannot happen in a script session): wait for it.
                return Exit(job, await presenter.RunInsertAsync(job, null).ConfigureAwait(false));
            }

            var formatter = ResultFormatters.ForOutput(_settings.Output, _console, job.ResultSchema, ResultText.Of(session),
                job.IsBounded, SessionFactory.MaxColumnWidthOf(session));
            var outcome = await presenter.RunQueryAsync(job, formatter).ConfigureAwait(false);
            if (outcome.Result.Status == JobStatus.Failed)
            {
                _errors.ReportJobFailure(job.Name, outcome.Result.Failure ?? new JobException("The job failed."));
                return ExitCodes.Failure;
            }

            if (outcome.Interrupted)
            {
                await _console.Error.WriteLineAsync("[INFO] Query cancelled.").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Success;
        }
    }

    private async Task<int> RunInsertsAsync(SqlJob job, string savepoints, JobPresenter presenter)
    {
        await using (job.ConfigureAwait(false))
        {
            if (_console.IsErrorTerminal || _settings.Verbose)
            {
                await _console.Error.WriteLineAsync(job.IsBounded
                    ? $"[INFO] Job '{job.Name}' is running until its input ends (Ctrl-C stops it with a savepoint)."
                    : $"[INFO] Job '{job.Name}' is running (Ctrl-C stops it with a savepoint).").ConfigureAwait(false);
            }

            var outcome = await presenter.RunInsertAsync(job, savepoints).ConfigureAwait(false);
            return Exit(job, outcome);
        }
    }

    private int Exit(SqlJob job, JobOutcome outcome)
    {
        switch (outcome.Result.Status)
        {
            case JobStatus.Failed:
                _errors.ReportJobFailure(job.Name, outcome.Result.Failure ?? new JobException("The job failed."));
                return ExitCodes.Failure;
            case JobStatus.Stopped:
                var path = outcome.SavepointPath ?? "(unknown)";
                _console.Error.WriteLine($"[INFO] Job '{job.Name}' stopped with a savepoint: {path}");
                _console.Error.WriteLine($"[INFO] Resume it with: sluice run {Quote(_settings.ScriptName)} --from-savepoint {Quote(path)}");
                return ExitCodes.Success;
            case JobStatus.Cancelled:
                _console.Error.WriteLine($"[INFO] Job '{job.Name}' cancelled.");
                return ExitCodes.Interrupted;
            default:
                if (_settings.Verbose)
                {
                    _console.Error.WriteLine($"[INFO] Job '{job.Name}' finished.");
                }

                return ExitCodes.Success;
        }
    }

    private static string Quote(string path) => path.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"' or '$') ? $"'{path.Replace("'", "'\\''", StringComparison.Ordinal)}'" : path;
}
