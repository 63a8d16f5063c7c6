using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Cli.Execution;
using Sluice.Core.Errors;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Planning;

namespace Sluice.Cli.Shell;

/// <summary>
/// The job statements of Flink's SQL client for the shell's background jobs: <c>SHOW JOBS</c> lists them (job id, name,
/// status, start time) and <c>STOP JOB '&lt;id&gt;' [WITH SAVEPOINT] [WITH DRAIN]</c> stops one, cancelling it, or with
/// a savepoint into <c>execution.checkpointing.savepoint-dir</c> or <c>state.savepoints.dir</c>, whose path is shown
/// (without either it is an error and the job keeps running, as in Flink). Ids are 32 hexadecimal digits, as Flink's,
/// given when the job is submitted.
/// </summary>
internal sealed partial class SqlShell
{
    private static readonly string[] SavepointDirectoryKeys = ["execution.checkpointing.savepoint-dir", "state.savepoints.dir"];

    private readonly Dictionary<SqlJob, (string Id, DateTimeOffset Started)> _jobIds = new(ReferenceEqualityComparer.Instance);

    [GeneratedRegex(@"^STOP\s+JOB\s+'(?<id>[^']*)'(?<savepoint>\s+WITH\s+SAVEPOINT)?(?<drain>\s+WITH\s+DRAIN)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StopJobPattern();

    [GeneratedRegex(@"^SHOW\s+JOBS$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShowJobsPattern();

    /// <summary>Gives a background job its id.</summary>
    private string RegisterBackgroundJob(SqlJob job)
    {
        var id = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
        _jobIds[job] = (id, _time.GetUtcNow());
        return id;
    }

    /// <summary>Runs <c>SHOW JOBS</c> or <c>STOP JOB</c>; false when <paramref name="command"/> is neither.</summary>
    private async Task<bool> TryRunJobCommandAsync(SqlSession session, string command, string text)
    {
        if (ShowJobsPattern().IsMatch(command))
        {
            var rows = _background.Where(_jobIds.ContainsKey).Select(job => (IReadOnlyList<object?>)
            [
                _jobIds[job].Id,
                job.Name,
                job.Client.Status.ToString().ToUpperInvariant(),
                _jobIds[job].Started.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ]).ToList();
            await _console.Out.WriteAsync(rows.Count == 0
                ? "Empty set\n"
                : StatementResult.Of(["job id", "job name", "status", "start time"], rows).ToString()).ConfigureAwait(false);
            return true;
        }

        var stop = StopJobPattern().Match(command);
        if (!stop.Success)
        {
            return false;
        }

        var id = stop.Groups["id"].Value;
        var job = _background.FirstOrDefault(j => _jobIds.TryGetValue(j, out var info) && info.Id == id && !j.Completion.IsCompleted);
        if (job is null)
        {
            _errors.Report(new SluiceException($"Could not stop job '{id}': there is no running background job with this id (SHOW JOBS lists them).",
                ErrorDomain.User), new SqlSource(null, text));
            return true;
        }

        try
        {
            if (stop.Groups["savepoint"].Success)
            {
                var directory = SavepointDirectoryKeys.Select(k => session.Configuration.GetValueOrDefault(k)).FirstOrDefault(v => !string.IsNullOrEmpty(v));
                if (directory is null)
                {
                    // As Flink: a savepoint needs a directory that outlives the job; the job keeps running.
                    _errors.Report(new SluiceException(
                        $"Could not stop job '{id}' with a savepoint: no savepoint directory is configured. Set one with " +
                        "SET 'execution.checkpointing.savepoint-dir' = '<directory>' (or 'state.savepoints.dir'); the job keeps " +
                        "running.", ErrorDomain.User), new SqlSource(null, text));
                    return true;
                }

                var path = await job.Client.StopWithSavepointAsync(directory).ConfigureAwait(false);
                await _console.Out.WriteAsync(StatementResult.OfStrings("savepoint path", [path]).ToString()).ConfigureAwait(false);
            }
            else
            {
                await job.Client.CancelAsync().ConfigureAwait(false);
                await _console.Out.WriteLineAsync("[INFO] Execute statement succeeded.").ConfigureAwait(false);
            }
        }
        catch (SluiceException ex)
        {
            _errors.Report(ex, new SqlSource(null, text));
        }

        return true;
    }
}
