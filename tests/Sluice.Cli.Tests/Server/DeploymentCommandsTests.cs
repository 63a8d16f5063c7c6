using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Formats;
using Sluice.Server;

namespace Sluice.Cli.Tests.Server;

/// <summary><c>sluice deploy</c> and <c>sluice deployments</c> against a real server on a loopback port.</summary>
public sealed class DeploymentCommandsTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sluice-cli-server-").FullName;
    private SluiceServer? _server;

    public async Task InitializeAsync() =>
        _server = await SluiceServer.StartAsync(new SluiceServerOptions(() => new ConnectorRegistry().AddStandardFormats().AddBuiltinConnectors())
        {
            Port = 0,
            DataDirectory = Path.Combine(_directory, "data"),
            Console = TextWriter.Null,
        });

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Deploy_then_list_suspend_resume_and_cancel_by_name()
    {
        var url = _server!.Address.ToString();
        File.WriteAllText(Path.Combine(_directory, "numbers.sql"), """
            CREATE TABLE numbers (n BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '50',
              'fields.n.kind' = 'sequence', 'fields.n.start' = '1', 'fields.n.end' = '1000000');
            CREATE TABLE sink (n BIGINT) WITH ('connector' = 'blackhole');
            INSERT INTO sink SELECT n FROM numbers;
            """);

        var deploy = await CliRun.RunAsync(_directory, null, "deploy", "numbers.sql", "--server", url, "--checkpoint-interval", "200ms");
        Assert.True(deploy.ExitCode == 0, deploy.ToString());
        Assert.Contains("numbers", deploy.Output, StringComparison.Ordinal);

        await WaitForStatusAsync(url, "RUNNING");

        var suspend = await CliRun.RunAsync(_directory, null, "deployments", "suspend", "numbers", "--server", url);
        Assert.True(suspend.ExitCode == 0, suspend.ToString());
        Assert.Contains("desired SUSPENDED", suspend.Output, StringComparison.Ordinal);
        await WaitForStatusAsync(url, "SUSPENDED");

        var resume = await CliRun.RunAsync(_directory, null, "deployments", "resume", "numbers", "--server", url);
        Assert.True(resume.ExitCode == 0, resume.ToString());
        await WaitForStatusAsync(url, "RUNNING");

        var cancel = await CliRun.RunAsync(_directory, null, "deployments", "cancel", "numbers", "--server", url);
        Assert.True(cancel.ExitCode == 0, cancel.ToString());
        await WaitForStatusAsync(url, "CANCELLED");
    }

    [Fact]
    public async Task An_unknown_deployment_is_a_clear_error()
    {
        var run = await CliRun.RunAsync(_directory, null, "deployments", "suspend", "nope", "--server", _server!.Address.ToString());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no deployment with the id or name 'nope'", run.Error, StringComparison.Ordinal);
    }

    private async Task WaitForStatusAsync(string url, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        CliRun list;
        do
        {
            list = await CliRun.RunAsync(_directory, null, "deployments", "list", "--server", url);
            Assert.True(list.ExitCode == 0, list.ToString());
            if (list.Output.Split('\n').Any(line => line.Contains("numbers", StringComparison.Ordinal) && line.Contains(" " + status, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"The deployment did not reach {status}:\n{list}");
    }
}
