using System.Diagnostics;
using Sluice.Testing;

namespace Sluice.Web.Tests;

/// <summary>
/// The repository's <c>./sluice</c> launcher rebuilds <c>web/dist</c> before <c>sluice server</c> when it is missing or
/// older than <c>web/src</c> (with npm when there is one, saying so when there is none), and leaves it alone otherwise.
/// It runs in a scratch checkout with stand-ins for <c>dotnet</c> and <c>npm</c> that record their calls.
/// </summary>
public sealed class LauncherScriptTests : IDisposable
{
    private static readonly string[] Tools = ["bash", "dirname", "readlink", "find", "sort", "tail", "cut", "mktemp", "cat", "rm", "touch", "mkdir", "flock"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "sluice-launcher-" + Guid.NewGuid().ToString("N"));
    private readonly DateTime _past = DateTime.UtcNow.AddHours(-2);

    public LauncherScriptTests()
    {
        var repository = RepositoryRoot.Find(typeof(LauncherScriptTests).Assembly);
        Directory.CreateDirectory(Path.Combine(_root, "src", "Sluice.Cli"));
        Directory.CreateDirectory(Path.Combine(_root, "web", "src"));
        File.Copy(Path.Combine(repository, "sluice"), Path.Combine(_root, "sluice"));
        File.WriteAllText(Path.Combine(_root, "web", "src", "main.ts"), "export {};\n");
        File.WriteAllText(Path.Combine(_root, "web", "package.json"), "{}\n");
        File.WriteAllText(Path.Combine(_root, "web", "package-lock.json"), "{}\n");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_root, "web"), "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, _past);
        }

        // The tools the script needs, without npm; the stand-ins go in a folder of their own.
        var tools = Directory.CreateDirectory(Path.Combine(_root, "tools")).FullName;
        foreach (var tool in Tools)
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                File.CreateSymbolicLink(Path.Combine(tools, tool), found);
            }
        }

        var fakes = Directory.CreateDirectory(Path.Combine(_root, "fakes")).FullName;
        WriteScript(Path.Combine(fakes, "dotnet"), $"echo \"dotnet $*\" >> '{CallsFile}'");
        WriteScript(Path.Combine(_root, "npm-fake", "npm"), $$"""
            echo "npm $*" >> '{{CallsFile}}'
            if [ "$1" = "ci" ]; then mkdir -p node_modules && echo '{}' > node_modules/.package-lock.json; fi
            if [ "$1" = "run" ] && [ "$2" = "build" ]; then mkdir -p dist && echo '<!doctype html>' > dist/index.html; fi
            """);
    }

    private string CallsFile => Path.Combine(_root, "calls.log");

    private string DistIndex => Path.Combine(_root, "web", "dist", "index.html");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Server_DistMissing_InstallsAndBuildsTheUi_ThenRunsTheServer()
    {
        var (exit, _, error) = await RunAsync(withNpm: true, "server", "--port", "0");

        Assert.True(exit == 0, error);
        var calls = Calls();
        Assert.Equal(["npm ci --no-audit --no-fund", "npm run build"], calls.Where(c => c.StartsWith("npm", StringComparison.Ordinal)));
        Assert.True(File.Exists(DistIndex));
        Assert.Contains(calls, c => c.StartsWith("dotnet build", StringComparison.Ordinal));
        Assert.EndsWith("sluice.dll server --port 0", calls.Last(), StringComparison.Ordinal);
        Assert.True(calls.FindIndex(c => c == "npm run build") < calls.FindIndex(c => c.StartsWith("dotnet build", StringComparison.Ordinal)),
            "the UI must be built before the program, which copies it");
    }

    [Fact]
    public async Task Server_SourcesNewerThanDist_RebuildsWithoutReinstalling()
    {
        WriteDist(_past);
        Installed(_past.AddMinutes(1));
        File.SetLastWriteTimeUtc(Path.Combine(_root, "web", "src", "main.ts"), _past.AddMinutes(30));

        var (exit, _, error) = await RunAsync(withNpm: true, "server");

        Assert.True(exit == 0, error);
        Assert.Equal(["npm run build"], Calls().Where(c => c.StartsWith("npm", StringComparison.Ordinal)));
        Assert.True(File.GetLastWriteTimeUtc(DistIndex) > _past.AddMinutes(30));
    }

    [Fact]
    public async Task Server_DistUpToDate_DoesNotRunNpm()
    {
        Installed(_past);
        WriteDist(_past.AddMinutes(5));

        var (exit, _, error) = await RunAsync(withNpm: true, "server");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("npm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_StaleDistWithoutNpm_SaysSo_AndStillRunsTheServer()
    {
        WriteDist(_past.AddMinutes(-30));

        var (exit, _, error) = await RunAsync(withNpm: false, "server");

        Assert.True(exit == 0, error);
        Assert.Contains("npm is not installed", error, StringComparison.Ordinal);
        Assert.Contains("older than web/src", error, StringComparison.Ordinal);
        Assert.EndsWith("sluice.dll server", Calls().Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherCommands_StaleDist_DoNotBuildTheUi()
    {
        var (exit, _, error) = await RunAsync(withNpm: true, "run", "server.sql");

        Assert.True(exit == 0, error);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("npm", StringComparison.Ordinal));
        Assert.False(File.Exists(DistIndex));
    }

    private void WriteDist(DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DistIndex)!);
        File.WriteAllText(DistIndex, "<!doctype html>\n");
        File.SetLastWriteTimeUtc(DistIndex, time);
    }

    private void Installed(DateTime time)
    {
        var marker = Path.Combine(_root, "web", "node_modules", ".package-lock.json");
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, "{}\n");
        File.SetLastWriteTimeUtc(marker, time);
    }

    private List<string> Calls() => File.Exists(CallsFile) ? [.. File.ReadAllLines(CallsFile)] : [];

    private async Task<(int Exit, string Output, string Error)> RunAsync(bool withNpm, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(_root, "tools", "bash"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _root,
        };
        start.ArgumentList.Add(Path.Combine(_root, "sluice"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string[] path = withNpm ? ["fakes", "npm-fake", "tools"] : ["fakes", "tools"];
        start.Environment["PATH"] = string.Join(Path.PathSeparator, path.Select(p => Path.Combine(_root, p)));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static void WriteScript(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
