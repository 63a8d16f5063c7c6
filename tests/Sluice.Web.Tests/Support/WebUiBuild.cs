using System.Diagnostics;

namespace Sluice.Web.Tests.Support;

/// <summary>
/// Builds the web UI (<c>web/</c>) with npm once per test run: <c>npm ci</c> when <c>node_modules</c> is missing or older
/// than the lock file, <c>npm run build</c> when <c>web/dist</c> is missing or older than any source file.
/// </summary>
internal static class WebUiBuild
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _dist;

    /// <summary>Builds when needed and returns the <c>dist</c> directory.</summary>
    public static async Task<string> EnsureBuiltAsync(string repositoryRoot)
    {
        await Gate.WaitAsync();
        try
        {
            if (_dist is not null)
            {
                return _dist;
            }

            var web = Path.Combine(repositoryRoot, "web");
            var dist = Path.Combine(web, "dist");
            var lockFile = Path.Combine(web, "package-lock.json");
            var modules = Path.Combine(web, "node_modules");
            var installed = Path.Combine(modules, ".package-lock.json");
            if (!File.Exists(installed) || File.GetLastWriteTimeUtc(installed) < File.GetLastWriteTimeUtc(lockFile))
            {
                await RunAsync(web, "npm", "ci --no-audit --no-fund");
            }

            var index = Path.Combine(dist, "index.html");
            if (!File.Exists(index) || File.GetLastWriteTimeUtc(index) < NewestSource(web))
            {
                await RunAsync(web, "npm", "run build");
            }

            Assert.True(File.Exists(index), $"The UI build produced no {index}");
            _dist = dist;
            return dist;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static DateTime NewestSource(string web)
    {
        var files = Directory.EnumerateFiles(Path.Combine(web, "src"), "*", SearchOption.AllDirectories)
            .Concat(new[] { "index.html", "package.json", "package-lock.json", "vite.config.ts", "tsconfig.json" }.Select(f => Path.Combine(web, f)).Where(File.Exists));
        return files.Max(File.GetLastWriteTimeUtc);
    }

    private static async Task RunAsync(string directory, string program, string arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{program} {arguments} in {directory} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
    }
}
