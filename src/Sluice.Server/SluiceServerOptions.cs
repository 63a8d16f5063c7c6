using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Server;

/// <summary>How a <see cref="SluiceServer"/> runs: where it listens, where it keeps its data, which connectors exist.</summary>
public sealed record SluiceServerOptions
{
    /// <summary>Creates options whose jobs use the connectors and formats <paramref name="registry"/> creates.</summary>
    /// <param name="registry">Creates a registry for each job (the caller, e.g. the CLI, decides which connectors exist).</param>
    public SluiceServerOptions(Func<ConnectorRegistry> registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        Registry = registry;
    }

    /// <summary>Creates the connector registry of a job, a validation or a preview.</summary>
    public Func<ConnectorRegistry> Registry { get; init; }

    /// <summary>The address to bind (default <c>127.0.0.1</c>). Anything but loopback requires API tokens.</summary>
    public string Bind { get; init; } = "127.0.0.1";

    /// <summary>The port (default 8081; 0 picks a free port, see <see cref="SluiceServer.Address"/>).</summary>
    public int Port { get; init; } = 8081;

    /// <summary>The data directory: the SQLite metadata, the secret key file, and by default checkpoints and savepoints.</summary>
    public string DataDirectory { get; init; } = "sluice-data";

    /// <summary>The directory of checkpoints and savepoints (one folder per deployment); default <c>checkpoints</c> in the data directory.</summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>
    /// The directory of static files to serve (the web UI), with unknown non-API paths falling back to its
    /// <c>index.html</c>; default <c>wwwroot</c> next to the server assembly when it exists.
    /// </summary>
    public string? StaticFilesDirectory { get; init; }

    /// <summary>
    /// The directories whose files scripts may read and write (every table's <c>path</c> option must be under one).
    /// Default: any path on a loopback server; the data directory's <c>files</c> folder when bound beyond loopback.
    /// </summary>
    public IReadOnlyList<string>? FileRoots { get; init; }

    /// <summary>Require API tokens also on loopback (always required when <see cref="Bind"/> is not loopback).</summary>
    public bool RequireAuthentication { get; init; }

    /// <summary>The secret encryption key (base64 of 32 bytes); default a key file <c>secret.key</c> in the data directory.</summary>
    public string? SecretKey { get; init; }

    /// <summary>A PFX or PEM certificate file to serve HTTPS with; null serves plain HTTP.</summary>
    public string? CertificatePath { get; init; }

    /// <summary>The PEM private key file of <see cref="CertificatePath"/> (null for a PFX, or a PEM holding both).</summary>
    public string? CertificateKeyPath { get; init; }

    /// <summary>The password of a PFX certificate.</summary>
    public string? CertificatePassword { get; init; }

    /// <summary>The largest request body accepted (default 1 MiB).</summary>
    public long MaxRequestBodySize { get; init; } = 1024 * 1024;

    /// <summary>How often the reconciliation loop runs when nothing wakes it (default 500 ms).</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long shutting down waits for each running job's savepoint (taken all at once) before cancelling the job;
    /// default 30 s. Zero cancels without a savepoint (the next start resumes from the latest checkpoint).
    /// </summary>
    public TimeSpan ShutdownSavepointTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The clock of the reconciliation loop, jobs, tokens and events.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the bootstrap admin token is printed (default standard output).</summary>
    public TextWriter? Console { get; init; }

    /// <summary>Adds logging providers (tests capture the log); null logs to the console.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
