using Sluice.Cli.Output;
using Sluice.Core.Errors;
using Sluice.Runtime.Execution;
using Sluice.Sql.Physical.Session;
using Spectre.Console;

namespace Sluice.Cli.Execution;

/// <summary>
/// Runs a started job in the foreground: shows a query's changelog through a <see cref="ResultFormatter"/>, shows
/// progress while it runs (in a live view, or as a status line on standard error when that is a terminal and nothing
/// else draws on the same terminal), and handles Ctrl-C: a query is cancelled; an <c>INSERT</c> job is stopped with a
/// savepoint (a second Ctrl-C cancels it without one).
/// </summary>
/// <remarks>Not thread-safe: one job at a time. Interrupts arrive on another thread and only start a cancel or stop.</remarks>
internal sealed class JobPresenter
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(500);
    private readonly CliConsole _console;
    private readonly TimeProvider _time;

    /// <summary>Creates the presenter.</summary>
    public JobPresenter(CliConsole console, TimeProvider time)
    {
        _console = console;
        _time = time;
    }

    /// <summary>
    /// Shows the results of the query <paramref name="job"/> until it ends. Ctrl-C cancels the query; what arrived so
    /// far is still shown. Returns how the job ended.
    /// </summary>
    /// <exception cref="Exception">The job failed: its failure (the results channel completes with it).</exception>
    public async Task<JobOutcome> RunQueryAsync(SqlJob job, ResultFormatter formatter)
    {
        var interrupted = 0;
        using var subscription = _console.Interrupts.Subscribe(() =>
        {
            if (Interlocked.Increment(ref interrupted) == 1)
            {
                _ = job.Client.CancelAsync();
            }
        });

        var progress = new ProgressLine(_time);
        string? Describe() => progress.Describe(job.Client.Metrics.Snapshot(), job.Client.LatestCheckpoint);
        try
        {
            if (formatter.ShowsProgress)
            {
                await formatter.RunAsync(job.Results, Describe, CancellationToken.None).ConfigureAwait(false);
            }
            else if (ShowStatus(formatter.WritesWhileRunning))
            {
                formatter.Start();
                await WithStatusAsync(formatter.ConsumeAsync(job.Results, CancellationToken.None), Describe).ConfigureAwait(false);
                formatter.Complete();
            }
            else
            {
                await formatter.RunAsync(job.Results, null, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception) when (job.Completion.IsCompleted)
        {
            // The results channel completed with the job's failure, which the result below carries.
        }

        var result = await job.Completion.ConfigureAwait(false);
        return new JobOutcome(result, Volatile.Read(ref interrupted) > 0, null);
    }

    /// <summary>
    /// Waits for the <c>INSERT</c> job <paramref name="job"/> to end. The first Ctrl-C stops it with a savepoint in
    /// <paramref name="savepointDirectory"/> (or cancels it when <paramref name="cancelOnInterrupt"/>); a second one
    /// cancels it.
    /// </summary>
    public async Task<JobOutcome> RunInsertAsync(SqlJob job, string? savepointDirectory, bool cancelOnInterrupt = false)
    {
        var interrupted = 0;
        Task<string>? stopping = null;
        string? note = null;
        var showStatus = ShowStatus(writesToOutput: false);
        using var subscription = _console.Interrupts.Subscribe(() =>
        {
            switch (Interlocked.Increment(ref interrupted))
            {
                case 1 when cancelOnInterrupt:
                    Volatile.Write(ref note, "Cancelling... · ");
                    _ = job.Client.CancelAsync();
                    break;
                case 1:
                    const string Stopping = "Stopping the job with a savepoint (Ctrl-C again cancels it without one)...";
                    Volatile.Write(ref note, Stopping + " · ");
                    if (!showStatus)
                    {
                        _console.Error.WriteLine("[INFO] " + Stopping);
                    }

                    Volatile.Write(ref stopping, StopAsync(job, savepointDirectory));
                    break;
                case 2:
                    Volatile.Write(ref note, "Cancelling... · ");
                    _ = job.Client.CancelAsync();
                    break;
            }
        });

        var progress = new ProgressLine(_time);
        string? Describe() => Volatile.Read(ref note) + progress.Describe(job.Client.Metrics.Snapshot(), job.Client.LatestCheckpoint);
        var result = showStatus
            ? await WithStatusAsync(job.Completion, Describe).ConfigureAwait(false)
            : await job.Completion.ConfigureAwait(false);

        string? savepoint = null;
        if (Volatile.Read(ref stopping) is { } stop)
        {
            try
            {
                savepoint = await stop.ConfigureAwait(false);
            }
            catch (Exception ex) when (result.Status != JobStatus.Stopped)
            {
                // The job ended otherwise (it finished, failed, or was cancelled by a second Ctrl-C) before the savepoint completed.
                _ = ex;
            }
        }

        return new JobOutcome(result, Volatile.Read(ref interrupted) > 0, savepoint ?? result.SavepointPath);
    }

    /// <summary>
    /// Stops the job with a savepoint. A job that is not running yet (still restoring, or restarting) is retried until it
    /// runs; if the savepoint fails otherwise, the job is cancelled so that the CLI does not wait forever.
    /// </summary>
    private async Task<string> StopAsync(SqlJob job, string? directory)
    {
        while (true)
        {
            try
            {
                return await job.Client.StopWithSavepointAsync(directory).ConfigureAwait(false);
            }
            catch (JobException) when (job.Completion.IsCompleted)
            {
                // The job ended by itself just before the stop.
                return (await job.Completion.ConfigureAwait(false)).SavepointPath
                    ?? throw new JobException("The job ended before the savepoint was taken.");
            }
            catch (JobException) when (job.Client.Status is JobStatus.Created or JobStatus.Restarting)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), _time).ConfigureAwait(false);
            }
            catch (Exception ex) when (!job.Completion.IsCompleted)
            {
                await _console.Error.WriteLineAsync($"[ERROR] The savepoint failed: {ErrorReporter.RootCause(ex)}; cancelling the job.").ConfigureAwait(false);
                await job.Client.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>A status line on standard error needs a terminal that nothing else draws on meanwhile.</summary>
    private bool ShowStatus(bool writesToOutput) => _console.IsErrorTerminal && !(writesToOutput && _console.IsOutputTerminal);

    private async Task<T> WithStatusAsync<T>(Task<T> work, Func<string?> describe)
    {
        var console = _console.CreateAnsiConsole(_console.Error);
        return await console.Status().Spinner(Spinner.Known.Dots).StartAsync("Starting...", async context =>
        {
            while (!work.IsCompleted)
            {
                await Task.WhenAny(work, Task.Delay(RefreshInterval, _time)).ConfigureAwait(false);
                context.Status(Markup.Escape(describe() ?? ""));
            }

            return await work.ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private async Task WithStatusAsync(Task work, Func<string?> describe) =>
        await WithStatusAsync(work.ContinueWith(t => { t.GetAwaiter().GetResult(); return 0; }, TaskScheduler.Default), describe).ConfigureAwait(false);
}
