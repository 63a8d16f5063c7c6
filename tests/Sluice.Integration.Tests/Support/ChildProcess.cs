using System.Diagnostics;

namespace Sluice.Integration.Tests.Support;

/// <summary>
/// A .NET program run as a child process (<c>dotnet app.dll args</c>) whose stdout and stderr are captured, line by
/// line, into a log shared by several runs (each line tagged with its run), for assertion messages.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ChildProcess Start(string assemblyPath, IEnumerable<string> arguments, ProcessLog log, string tag)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => log.Append(tag, "out", e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(tag, "err", e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {info.FileName} {assemblyPath}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Append(tag, "test", $"started pid {process.Id}");
        return new ChildProcess(process);
    }

    /// <summary>SIGKILL (no finally blocks, no flushing), then waits for the process to be gone.</summary>
    public async Task KillHardAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own meanwhile.
        }

        await _process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Waits for the process to exit (and its output to be drained); false on timeout.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    /// <summary>The dotnet host running this test, so the child uses the same runtime.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
