using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>
/// A temporary PostgreSQL cluster for the whole test run: found through <c>pg_config --bindir</c> or the newest
/// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c>, initialized in a fresh temporary directory, listening on a free loopback
/// port only (socket directory inside the temporary directory), with logical replication and prepared transactions
/// enabled and trust authentication on loopback. When the tests run as root the server runs as the <c>postgres</c>
/// user (PostgreSQL refuses to run as root). Stopped and removed when the run ends; leftovers of crashed runs are
/// removed when their server is no longer running.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string DirectoryPrefix = "sluice-pg-";
    private const string OwnerFile = "owner.pid";
    private static readonly bool IsRoot = Environment.UserName == "root";

    // The postgres user must reach the directory: as root, use /tmp rather than a TMPDIR that may be private.
    private static readonly string TempBase = IsRoot && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
    private readonly string _binDirectory;
    private readonly string _root;
    private readonly string _dataDirectory;
    private int _databases;

    public PostgresServer()
        : this(maxPreparedTransactions: 50)
    {
    }

    /// <summary>Starts a server; <paramref name="maxPreparedTransactions"/> 0 disables prepared transactions.</summary>
    internal PostgresServer(int maxPreparedTransactions)
    {
        _binDirectory = FindBinDirectory();
        RemoveStaleDirectories();
        _root = Path.Combine(TempBase, DirectoryPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, OwnerFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _dataDirectory = Path.Combine(_root, "data");
        if (IsRoot)
        {
            Run("chown", ["-R", "postgres:postgres", _root], asPostgres: false);
            Run("chmod", ["755", _root], asPostgres: false);
        }

        Run(Path.Combine(_binDirectory, "initdb"),
            ["-D", _dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asPostgres: IsRoot);
        Port = FreePort();
        var settings = string.Join(' ', new[]
        {
            "-c listen_addresses=127.0.0.1",
            $"-c port={Port}",
            $"-c unix_socket_directories={_root}",
            "-c wal_level=logical",
            "-c max_replication_slots=64", // every CDC test leaves its slot behind
            "-c max_wal_senders=64",
            $"-c max_prepared_transactions={maxPreparedTransactions}",
            "-c max_connections=400", // every test database has its own connection pool
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        });
        Run(Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", _dataDirectory, "-l", Path.Combine(_root, "server.log"), "-o", settings, "-w", "-t", "60", "start"], asPostgres: IsRoot);
    }

    /// <summary>The server's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>A connection string for <paramref name="database"/> as the superuser <c>postgres</c>.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false }.ConnectionString;

    /// <summary>The JDBC URL of <paramref name="database"/>.</summary>
    public string JdbcUrl(string database) => $"jdbc:postgresql://127.0.0.1:{Port}/{database}";

    /// <summary>Creates a fresh database whose name starts with <paramref name="prefix"/> and returns its name.</summary>
    public string CreateDatabase(string prefix)
    {
        var name = $"{prefix.ToLowerInvariant()}_{Interlocked.Increment(ref _databases)}";
        Execute("postgres", $"DROP DATABASE IF EXISTS {name}");
        Execute("postgres", $"CREATE DATABASE {name} STRATEGY = FILE_COPY");
        return name;
    }

    /// <summary>Runs statements in <paramref name="database"/>.</summary>
    public void Execute(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs a query and returns its rows as text, one string per row (columns joined by '|').</summary>
    public List<string> Query(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            var values = new string[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            rows.Add(string.Join('|', values));
        }

        return rows;
    }

    /// <summary>Runs a query that returns one value.</summary>
    public T Scalar<T>(string database, string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return (T)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            Run(Path.Combine(_binDirectory, "pg_ctl"), ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot);
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        try
        {
            var bindir = Capture("pg_config", ["--bindir"]).Trim();
            if (bindir.Length > 0)
            {
                candidates.Add(bindir);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; look in the Debian layout.
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL's server binaries (initdb, pg_ctl) were not found via 'pg_config --bindir' or in /usr/lib/postgresql/<version>/bin: " +
                "install the Debian package 'postgresql' (apt-get install postgresql).");
    }

    /// <summary>
    /// Removes the clusters of earlier runs whose test process is gone (a crashed run), stopping their server first;
    /// clusters of runs still going are left alone.
    /// </summary>
    private void RemoveStaleDirectories()
    {
        foreach (var directory in Directory.GetDirectories(TempBase, DirectoryPrefix + "*"))
        {
            try
            {
                var owner = Path.Combine(directory, OwnerFile);
                if (File.Exists(owner) && int.TryParse(File.ReadAllText(owner), out var ownerPid) && IsRunning(ownerPid))
                {
                    continue;
                }

                var data = Path.Combine(directory, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    try
                    {
                        Run(Path.Combine(_binDirectory, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot);
                    }
                    catch (InvalidOperationException)
                    {
                        // Not running any more.
                    }
                }

                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Someone else's or in use: leave it.
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, string[] arguments, bool asPostgres)
    {
        var (file, args) = asPostgres ? ("runuser", new[] { "-u", "postgres", "--", program }.Concat(arguments).ToArray()) : (program, arguments);
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{file} {string.Join(' ', args)}' failed with exit code {process.ExitCode}: {stderr}{stdout.Result}");
        }
    }

    private static string Capture(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : "";
    }
}
