using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sluice.Server.Contracts;
using Sluice.Server.Hosting;

namespace Sluice.Server.Storage;

/// <summary>
/// The platform metadata in a SQLite file: deployments (spec and status), savepoints, checkpoint history, events,
/// API tokens and encrypted secrets.
/// </summary>
/// <remarks>
/// <para><b>Threading.</b> One connection, used under a lock: every method is thread-safe and short.</para>
/// <para><b>Schema.</b> Created on open (<c>CREATE TABLE IF NOT EXISTS</c>); <c>PRAGMA user_version</c> holds the
/// schema version for later migrations.</para>
/// </remarks>
internal sealed class MetadataStore : IDisposable
{
    private const int SchemaVersion = 2;

    /// <summary>How many checkpoints the history keeps per deployment (the newest).</summary>
    public const int CheckpointHistorySize = 100;
    private readonly SqliteConnection _connection;
    private readonly Lock _lock = new();

    /// <summary>Opens (creating if needed) the database file at <paramref name="path"/>.</summary>
    public MetadataStore(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS deployments (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, spec TEXT NOT NULL, generation INTEGER NOT NULL,
                phase TEXT NOT NULL, reason TEXT, reconciled_generation INTEGER NOT NULL, restarts INTEGER NOT NULL,
                status_updated TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS savepoints (
                id TEXT PRIMARY KEY, deployment_id TEXT NOT NULL, checkpoint_id INTEGER NOT NULL, origin TEXT NOT NULL,
                path TEXT NOT NULL, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS checkpoints (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, deployment_id TEXT NOT NULL, checkpoint_id INTEGER NOT NULL, kind TEXT NOT NULL,
                status TEXT NOT NULL, triggered TEXT NOT NULL, duration_ms REAL NOT NULL, size INTEGER NOT NULL, failure TEXT);
            CREATE INDEX IF NOT EXISTS checkpoints_by_deployment ON checkpoints (deployment_id, seq);
            CREATE TABLE IF NOT EXISTS events (
                id INTEGER PRIMARY KEY AUTOINCREMENT, deployment_id TEXT NOT NULL, time TEXT NOT NULL, kind TEXT NOT NULL,
                message TEXT NOT NULL, exception TEXT);
            CREATE INDEX IF NOT EXISTS events_by_deployment ON events (deployment_id, id);
            CREATE TABLE IF NOT EXISTS tokens (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS secrets (
                name TEXT PRIMARY KEY, nonce BLOB NOT NULL, ciphertext BLOB NOT NULL, tag BLOB NOT NULL, updated TEXT NOT NULL);
            """);
        Execute(string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {SchemaVersion};"));
    }

    // ---- deployments ----

    /// <summary>Inserts a new deployment; false when the name is taken.</summary>
    public bool TryInsertDeployment(DeploymentRecord record)
    {
        lock (_lock)
        {
            if (ScalarLong("SELECT COUNT(*) FROM deployments WHERE name = $name", ("$name", record.Spec.Name)) > 0)
            {
                return false;
            }

            Execute("""
                INSERT INTO deployments (id, name, spec, generation, phase, reason, reconciled_generation, restarts, status_updated, created)
                VALUES ($id, $name, $spec, $generation, $phase, $reason, $reconciled, $restarts, $updated, $created)
                """, DeploymentParameters(record));
            return true;
        }
    }

    /// <summary>Replaces a deployment's row; false when another deployment has the new name.</summary>
    public bool TryUpdateDeployment(DeploymentRecord record)
    {
        lock (_lock)
        {
            if (ScalarLong("SELECT COUNT(*) FROM deployments WHERE name = $name AND id <> $id", ("$name", record.Spec.Name), ("$id", record.Id)) > 0)
            {
                return false;
            }

            Execute("""
                UPDATE deployments SET name = $name, spec = $spec, generation = $generation, phase = $phase, reason = $reason,
                    reconciled_generation = $reconciled, restarts = $restarts, status_updated = $updated, created = $created
                WHERE id = $id
                """, DeploymentParameters(record));
            return true;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the stored deployment atomically; returns the new record or null when it is gone.</summary>
    public DeploymentRecord? UpdateDeployment(string id, Func<DeploymentRecord, DeploymentRecord> change)
    {
        lock (_lock)
        {
            var current = GetDeployment(id);
            if (current is null)
            {
                return null;
            }

            var next = change(current);
            if (!ReferenceEquals(next, current) && next != current)
            {
                TryUpdateDeployment(next);
            }

            return next;
        }
    }

    /// <summary>The deployment with <paramref name="id"/>, or null.</summary>
    public DeploymentRecord? GetDeployment(string id)
    {
        lock (_lock)
        {
            return Query("SELECT * FROM deployments WHERE id = $id", ReadDeployment, ("$id", id)).FirstOrDefault();
        }
    }

    /// <summary>Every deployment, oldest first.</summary>
    public IReadOnlyList<DeploymentRecord> ListDeployments()
    {
        lock (_lock)
        {
            return Query("SELECT * FROM deployments ORDER BY created, id", ReadDeployment);
        }
    }

    /// <summary>Deletes a deployment with its savepoint rows and events.</summary>
    public void DeleteDeployment(string id)
    {
        lock (_lock)
        {
            Execute("""
                DELETE FROM deployments WHERE id = $id; DELETE FROM savepoints WHERE deployment_id = $id;
                DELETE FROM checkpoints WHERE deployment_id = $id; DELETE FROM events WHERE deployment_id = $id;
                """, ("$id", id));
        }
    }

    // ---- savepoints ----

    /// <summary>Records a savepoint.</summary>
    public void InsertSavepoint(SavepointResponse savepoint)
    {
        lock (_lock)
        {
            Execute("INSERT INTO savepoints (id, deployment_id, checkpoint_id, origin, path, created) VALUES ($id, $d, $c, $o, $p, $t)",
                ("$id", savepoint.Id), ("$d", savepoint.DeploymentId), ("$c", savepoint.CheckpointId), ("$o", EnumText(savepoint.Origin)),
                ("$p", savepoint.Path), ("$t", TimeText(savepoint.CreatedAt)));
        }
    }

    /// <summary>The savepoints of a deployment, newest first.</summary>
    public IReadOnlyList<SavepointResponse> ListSavepoints(string deploymentId)
    {
        lock (_lock)
        {
            return Query("SELECT * FROM savepoints WHERE deployment_id = $d ORDER BY created DESC, checkpoint_id DESC", r => new SavepointResponse(
                r.GetString(r.GetOrdinal("id")), r.GetString(r.GetOrdinal("deployment_id")), r.GetInt64(r.GetOrdinal("checkpoint_id")),
                ParseEnum<SavepointOrigin>(r.GetString(r.GetOrdinal("origin"))), r.GetString(r.GetOrdinal("path")),
                ParseTime(r.GetString(r.GetOrdinal("created")))), ("$d", deploymentId));
        }
    }

    // ---- checkpoint history ----

    /// <summary>
    /// Appends checkpoints (oldest first; failure texts already redacted) to a deployment's history and drops the
    /// entries beyond the newest <see cref="CheckpointHistorySize"/>.
    /// </summary>
    public void AppendCheckpoints(string deploymentId, IReadOnlyList<CheckpointResponse> checkpoints)
    {
        if (checkpoints.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            foreach (var c in checkpoints)
            {
                Execute("""
                    INSERT INTO checkpoints (deployment_id, checkpoint_id, kind, status, triggered, duration_ms, size, failure)
                    VALUES ($d, $c, $k, $s, $t, $ms, $b, $f)
                    """, ("$d", deploymentId), ("$c", c.Id), ("$k", EnumText(c.Kind)), ("$s", EnumText(c.Status)), ("$t", TimeText(c.TriggeredAt)),
                    ("$ms", c.DurationMillis), ("$b", c.SizeBytes), ("$f", c.Failure));
            }

            Execute("""
                DELETE FROM checkpoints WHERE deployment_id = $d
                  AND seq NOT IN (SELECT seq FROM checkpoints WHERE deployment_id = $d ORDER BY seq DESC LIMIT $n)
                """, ("$d", deploymentId), ("$n", CheckpointHistorySize));
        }
    }

    /// <summary>A deployment's checkpoint history, newest first.</summary>
    public IReadOnlyList<CheckpointResponse> ListCheckpoints(string deploymentId)
    {
        lock (_lock)
        {
            return Query("SELECT * FROM checkpoints WHERE deployment_id = $d ORDER BY seq DESC", r => new CheckpointResponse(
                r.GetInt64(r.GetOrdinal("checkpoint_id")), ParseEnum<CheckpointType>(r.GetString(r.GetOrdinal("kind"))),
                ParseEnum<CheckpointStatus>(r.GetString(r.GetOrdinal("status"))), ParseTime(r.GetString(r.GetOrdinal("triggered"))),
                r.GetDouble(r.GetOrdinal("duration_ms")), r.GetInt64(r.GetOrdinal("size")),
                r.IsDBNull(r.GetOrdinal("failure")) ? null : r.GetString(r.GetOrdinal("failure"))), ("$d", deploymentId));
        }
    }

    // ---- events ----

    /// <summary>Appends an event (its text must already be redacted).</summary>
    public void AppendEvent(string deploymentId, DateTimeOffset time, EventKind kind, string message, string? exception)
    {
        lock (_lock)
        {
            Execute("INSERT INTO events (deployment_id, time, kind, message, exception) VALUES ($d, $t, $k, $m, $e)",
                ("$d", deploymentId), ("$t", TimeText(time)), ("$k", EnumText(kind)), ("$m", message), ("$e", exception));
        }
    }

    /// <summary>The events of a deployment, oldest first, at most <paramref name="limit"/> of the newest.</summary>
    public IReadOnlyList<EventResponse> ListEvents(string deploymentId, int limit)
    {
        lock (_lock)
        {
            var newest = Query("SELECT * FROM events WHERE deployment_id = $d ORDER BY id DESC LIMIT $l", r => new EventResponse(
                r.GetInt64(r.GetOrdinal("id")), r.GetString(r.GetOrdinal("deployment_id")), ParseTime(r.GetString(r.GetOrdinal("time"))),
                ParseEnum<EventKind>(r.GetString(r.GetOrdinal("kind"))), r.GetString(r.GetOrdinal("message")),
                r.IsDBNull(r.GetOrdinal("exception")) ? null : r.GetString(r.GetOrdinal("exception"))), ("$d", deploymentId), ("$l", limit));
            return [.. Enumerable.Reverse(newest)];
        }
    }

    // ---- tokens ----

    /// <summary>Stores a token.</summary>
    public void InsertToken(TokenRecord token)
    {
        lock (_lock)
        {
            Execute("INSERT INTO tokens (id, name, role, hash, created) VALUES ($id, $n, $r, $h, $t)",
                ("$id", token.Id), ("$n", token.Name), ("$r", EnumText(token.Role)), ("$h", token.Hash), ("$t", TimeText(token.CreatedAt)));
        }
    }

    /// <summary>The token with this hash, or null.</summary>
    public TokenRecord? FindTokenByHash(string hash)
    {
        lock (_lock)
        {
            return Query("SELECT * FROM tokens WHERE hash = $h", ReadToken, ("$h", hash)).FirstOrDefault();
        }
    }

    /// <summary>Every token.</summary>
    public IReadOnlyList<TokenRecord> ListTokens()
    {
        lock (_lock)
        {
            return Query("SELECT * FROM tokens ORDER BY created, id", ReadToken);
        }
    }

    /// <summary>True when at least one token exists.</summary>
    public bool HasTokens()
    {
        lock (_lock)
        {
            return ScalarLong("SELECT COUNT(*) FROM tokens") > 0;
        }
    }

    /// <summary>Deletes a token; false when there is none with the id.</summary>
    public bool DeleteToken(string id)
    {
        lock (_lock)
        {
            return Execute("DELETE FROM tokens WHERE id = $id", ("$id", id)) > 0;
        }
    }

    // ---- secrets ----

    /// <summary>Inserts or replaces a secret.</summary>
    public void UpsertSecret(SecretRecord secret)
    {
        lock (_lock)
        {
            Execute("INSERT OR REPLACE INTO secrets (name, nonce, ciphertext, tag, updated) VALUES ($n, $nonce, $c, $tag, $t)",
                ("$n", secret.Name), ("$nonce", secret.Nonce), ("$c", secret.Ciphertext), ("$tag", secret.Tag), ("$t", TimeText(secret.UpdatedAt)));
        }
    }

    /// <summary>Every secret (encrypted).</summary>
    public IReadOnlyList<SecretRecord> ListSecrets()
    {
        lock (_lock)
        {
            return Query("SELECT * FROM secrets ORDER BY name", r => new SecretRecord(r.GetString(0), (byte[])r["nonce"], (byte[])r["ciphertext"],
                (byte[])r["tag"], ParseTime(r.GetString(r.GetOrdinal("updated")))));
        }
    }

    /// <summary>Deletes a secret; false when there is none with the name.</summary>
    public bool DeleteSecret(string name)
    {
        lock (_lock)
        {
            return Execute("DELETE FROM secrets WHERE name = $n", ("$n", name)) > 0;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_lock)
        {
            _connection.Dispose();
        }
    }

    /// <summary>The text of an enum value as the API writes it (<c>LATEST_STATE</c>).</summary>
    public static string EnumText<T>(T value)
        where T : struct, Enum => ServerJson.EnumNaming.ConvertName(value.ToString());

    private static T ParseEnum<T>(string text)
        where T : struct, Enum =>
        Enum.GetValues<T>().First(v => string.Equals(EnumText(v), text, StringComparison.Ordinal));

    private static string TimeText(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static (string, object?)[] DeploymentParameters(DeploymentRecord d) =>
    [
        ("$id", d.Id), ("$name", d.Spec.Name), ("$spec", JsonSerializer.Serialize(d.Spec, ServerJson.Options)), ("$generation", d.Generation),
        ("$phase", EnumText(d.Phase)), ("$reason", d.Reason), ("$reconciled", d.ReconciledGeneration), ("$restarts", d.Restarts),
        ("$updated", TimeText(d.StatusUpdatedAt)), ("$created", TimeText(d.CreatedAt)),
    ];

    private static DeploymentRecord ReadDeployment(SqliteDataReader r) => new(
        r.GetString(r.GetOrdinal("id")),
        JsonSerializer.Deserialize<DeploymentSpec>(r.GetString(r.GetOrdinal("spec")), ServerJson.Options)!,
        r.GetInt64(r.GetOrdinal("generation")),
        ParseEnum<DeploymentPhase>(r.GetString(r.GetOrdinal("phase"))),
        r.IsDBNull(r.GetOrdinal("reason")) ? null : r.GetString(r.GetOrdinal("reason")),
        r.GetInt64(r.GetOrdinal("reconciled_generation")),
        r.GetInt32(r.GetOrdinal("restarts")),
        ParseTime(r.GetString(r.GetOrdinal("status_updated"))),
        ParseTime(r.GetString(r.GetOrdinal("created"))));

    private static TokenRecord ReadToken(SqliteDataReader r) => new(r.GetString(r.GetOrdinal("id")), r.GetString(r.GetOrdinal("name")),
        ParseEnum<Role>(r.GetString(r.GetOrdinal("role"))), r.GetString(r.GetOrdinal("hash")), ParseTime(r.GetString(r.GetOrdinal("created"))));

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private long ScalarLong(string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(sql, parameters);
        using var reader = command.ExecuteReader();
        var result = new List<T>();
        while (reader.Read())
        {
            result.Add(read(reader));
        }

        return result;
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
#pragma warning disable CA2100 // The SQL text is constant; values are always parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
