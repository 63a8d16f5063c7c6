using System.Reflection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Sluice.Server.Contracts;
using Sluice.Server.Deployments;
using Sluice.Server.Hosting;
using Sluice.Server.Metrics;
using Sluice.Server.Security;
using Sluice.Server.Storage;

namespace Sluice.Server;

/// <summary>
/// The Sluice server (<c>sluice server</c>): deployments of SQL jobs kept in their desired state by a
/// reconciliation loop, with the REST API under <c>/api/v1</c>, Prometheus metrics at <c>/metrics</c>, and the web
/// UI's static files. Metadata lives in SQLite in the data directory.
/// </summary>
/// <remarks>
/// <para><b>Lifecycle.</b> <see cref="StartAsync"/> opens the data directory, starts Kestrel and the loop; on start
/// every deployment is brought back to its desired state (running ones from their latest checkpoint).
/// <see cref="StopAsync"/> (or disposal) stops the jobs, each with a savepoint when it can (within
/// <see cref="SluiceServerOptions.ShutdownSavepointTimeout"/>), without changing their deployments' status, so the next
/// start resumes them from it; then it stops accepting requests.</para>
/// <para><b>Security.</b> Bound beyond loopback, every request needs an API token; a first start without tokens
/// creates an admin token and prints it once to <see cref="SluiceServerOptions.Console"/>.</para>
/// </remarks>
public sealed class SluiceServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly MetadataStore _store;
    private bool _stopped;

    private SluiceServer(WebApplication app, MetadataStore store, Uri address)
    {
        _app = app;
        _store = store;
        Address = address;
    }

    /// <summary>The server's services (for tests).</summary>
    internal IServiceProvider Services => _app.Services;

    /// <summary>The server's version.</summary>
    public static string Version { get; } =
        typeof(SluiceServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>The address the server listens on (with the actual port when the options asked for port 0).</summary>
    public Uri Address { get; }

    /// <summary>Opens the data directory and starts serving.</summary>
    public static async Task<SluiceServer> StartAsync(SluiceServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = ResolvePaths(options);
        Directory.CreateDirectory(paths.DataDirectory);
        Directory.CreateDirectory(paths.CheckpointDirectory);
        var store = new MetadataStore(Path.Combine(paths.DataDirectory, "sluice.db"));
        WebApplication? app = null;
        try
        {
            var offLoopback = !ServerApp.IsLoopback(options.Bind);
            app = ServerApp.Build(options, paths, store, offLoopback);
            var tokens = app.Services.GetRequiredService<TokenService>();
            if (offLoopback && !tokens.Any())
            {
                var token = tokens.Create("bootstrap-admin", Role.Admin);
                var console = options.Console ?? System.Console.Out;
                await console.WriteLineAsync($"Created the admin token 'bootstrap-admin' (shown only now): {token.Token}").ConfigureAwait(false);
                await console.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            _ = app.Services.GetRequiredService<SecretStore>(); // fails early on a wrong key
            _ = app.Services.GetRequiredService<PrometheusExporter>(); // listens before the first job starts
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var address = new Uri(addresses.First().Replace("[::]", "localhost", StringComparison.Ordinal).Replace("0.0.0.0", "localhost", StringComparison.Ordinal));
            app.Services.GetRequiredService<Reconciler>().Start();
            return new SluiceServer(app, store, address);
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates an admin API token in the data directory of <paramref name="options"/> (for <c>sluice server
    /// --create-admin-token</c>) and returns its value, which is shown only now.
    /// </summary>
    public static string CreateAdminToken(SluiceServerOptions options, string name)
    {
        ArgumentNullException.ThrowIfNull(options);
        var paths = ResolvePaths(options);
        Directory.CreateDirectory(paths.DataDirectory);
        using var store = new MetadataStore(Path.Combine(paths.DataDirectory, "sluice.db"));
        return new TokenService(store, options.Time).Create(name, Role.Admin).Token;
    }

    /// <summary>Completes when the server stops (Ctrl-C or <see cref="StopAsync"/>).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops the jobs with savepoints (their deployments resume from them at the next start) and stops serving.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await _app.Services.GetRequiredService<Reconciler>().StopAsync().ConfigureAwait(false);
        await _app.StopAsync().ConfigureAwait(false);
        _app.Services.GetRequiredService<PrometheusExporter>().Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private static ServerPaths ResolvePaths(SluiceServerOptions options)
    {
        var data = Path.GetFullPath(options.DataDirectory);
        var checkpoints = Path.GetFullPath(options.CheckpointDirectory ?? Path.Combine(data, "checkpoints"));
        var staticFiles = options.StaticFilesDirectory is { } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "wwwroot");
        return new ServerPaths(data, checkpoints, Directory.Exists(staticFiles) ? staticFiles : null);
    }
}
