using System.CommandLine;
using Sluice.Cli.Execution;
using Sluice.Server;

namespace Sluice.Cli.Commands;

/// <summary>
/// <c>sluice server [--port 8081] [--bind 127.0.0.1] [--data-dir DIR] [--checkpoint-dir DIR] [--ui DIR]
/// [--tls-cert FILE [--tls-key FILE] [--tls-password PW]] [--file-root DIR]... [--require-auth] [--create-admin-token]
/// [--shutdown-savepoint-timeout 30s]</c>: runs the
/// Sluice server until Ctrl-C (see <see cref="SluiceServer"/> and docs/server.md).
/// </summary>
internal sealed class ServerCommand : Command
{
    private readonly Func<ParseResult, SluiceServerOptions> _bind;

    /// <summary>Creates the command.</summary>
    public ServerCommand(CliConsole console, TimeProvider time)
        : base("server", "Run the Sluice server: deployments, the REST API, metrics and the web UI.")
    {
        var port = new Option<int>("--port") { Description = "The port to listen on (0 picks a free one).", DefaultValueFactory = _ => 8081, HelpName = "PORT" };
        var bind = new Option<string>("--bind")
        {
            Description = "The address to listen on. Anything but loopback requires API tokens.",
            DefaultValueFactory = _ => "127.0.0.1",
            HelpName = "ADDRESS",
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "The data directory: metadata (SQLite), the secret key, checkpoints and savepoints.",
            DefaultValueFactory = _ => "sluice-data",
            HelpName = "DIR",
        };
        var checkpointDir = new Option<string?>("--checkpoint-dir") { Description = "Checkpoints and savepoints (default: checkpoints in the data directory).", HelpName = "DIR" };
        var ui = new Option<string?>("--ui") { Description = "The web UI's static files (default: wwwroot next to the program, if present).", HelpName = "DIR" };
        var certificate = new Option<string?>("--tls-cert") { Description = "Serve HTTPS with this certificate (.pfx/.p12, or PEM).", HelpName = "FILE" };
        var key = new Option<string?>("--tls-key") { Description = "The PEM private key of --tls-cert.", HelpName = "FILE" };
        var password = new Option<string?>("--tls-password") { Description = "The password of a .pfx certificate.", HelpName = "PASSWORD" };
        var fileRoots = new Option<string[]>("--file-root")
        {
            Description = "A directory scripts may read and write files in (repeatable); default: any path on loopback, <data-dir>/files otherwise.",
            HelpName = "DIR",
            AllowMultipleArgumentsPerToken = false,
        };
        var requireAuth = new Option<bool>("--require-auth") { Description = "Require API tokens also on loopback." };
        var createToken = new Option<bool>("--create-admin-token") { Description = "Create an admin API token, print it once, then start." };
        var shutdownTimeout = new Option<TimeSpan?>("--shutdown-savepoint-timeout")
        {
            Description = "On Ctrl-C, how long to wait for the running jobs' savepoints before cancelling them (default 30s; 0 cancels " +
                "without a savepoint, and the next start resumes from the latest checkpoint).",
            HelpName = "DURATION",
            CustomParser = DurationOption.ParseNonNegative,
        };
        foreach (var option in new Option[] { port, bind, dataDir, checkpointDir, ui, certificate, key, password, fileRoots, requireAuth, createToken, shutdownTimeout })
        {
            Options.Add(option);
        }

        _bind = result => new SluiceServerOptions(() => SessionFactory.CreateRegistry(console))
            {
                Port = result.GetValue(port),
                Bind = result.GetValue(bind) ?? "127.0.0.1",
                DataDirectory = console.ResolvePath(result.GetValue(dataDir) ?? "sluice-data"),
                CheckpointDirectory = result.GetValue(checkpointDir) is { } c ? console.ResolvePath(c) : null,
                StaticFilesDirectory = result.GetValue(ui) is { } u ? console.ResolvePath(u) : null,
                CertificatePath = result.GetValue(certificate) is { } cert ? console.ResolvePath(cert) : null,
                CertificateKeyPath = result.GetValue(key) is { } k ? console.ResolvePath(k) : null,
                CertificatePassword = result.GetValue(password),
                RequireAuthentication = result.GetValue(requireAuth),
                SecretKey = Environment.GetEnvironmentVariable("SLUICE_SECRET_KEY"),
                FileRoots = result.GetValue(fileRoots) is { Length: > 0 } roots ? [.. roots.Select(console.ResolvePath)] : null,
                Time = time,
                Console = console.Out,
                ShutdownSavepointTimeout = result.GetValue(shutdownTimeout) ?? TimeSpan.FromSeconds(30),
            };
        SetAction(async (result, cancellationToken) =>
        {
            var options = Bind(result);
            if (result.GetValue(createToken))
            {
                var token = SluiceServer.CreateAdminToken(options, "cli-admin");
                await console.Out.WriteLineAsync($"Created an admin API token (shown only now): {token}").ConfigureAwait(false);
            }

            await using var server = await SluiceServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"[INFO] Sluice server listening on {server.Address} (Ctrl-C stops it; deployments resume at the next start).")
                .ConfigureAwait(false);
            var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = console.Interrupts.Subscribe(() => stopped.TrySetResult());
            using var registration = cancellationToken.Register(() => stopped.TrySetResult());
            // Ctrl-C or SIGTERM: the CLI's interrupt signal, or the host's own console lifetime stopping the server.
            await Task.WhenAny(stopped.Task, server.WaitForShutdownAsync(CancellationToken.None)).ConfigureAwait(false);
            await console.Error.WriteLineAsync("[INFO] Stopping the server.").ConfigureAwait(false);
            return ExitCodes.Success;
        });
    }

    /// <summary>The server options a command line (without errors) names.</summary>
    public SluiceServerOptions Bind(ParseResult result) => _bind(result);
}
