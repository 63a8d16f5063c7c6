using Npgsql;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Postgres.Connection;

namespace Sluice.Connectors.Postgres.Sink;

/// <summary>
/// Commits the prepared transactions of a <see cref="PostgresSink"/> in exactly-once mode (<c>COMMIT PREPARED</c>,
/// skipping ids that are no longer prepared, i.e. committed before), and rolls back prepared transactions of other
/// attempts. Nothing to do in at-least-once mode.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Called on the sink task's thread only. Each call uses a connection of its own (from Npgsql's
/// pool) and returns it, since a committer is never disposed.
/// </remarks>
internal sealed class PostgresSinkCommitter(PostgresSinkOptions options, TimeProvider time) : ISinkCommitter<string>
{
    public void Commit(IReadOnlyList<string> committables)
    {
        ArgumentNullException.ThrowIfNull(committables);
        if (committables.Count == 0)
        {
            return;
        }

        NpgsqlConnection? connection = null;
        try
        {
            foreach (var gid in committables)
            {
                PostgresErrors.Retry(() =>
                {
                    connection ??= Open();
                    if (IsPrepared(connection, gid))
                    {
                        try
                        {
                            Execute(connection, "COMMIT PREPARED " + PostgresSinkWriter.Literal(gid));
                        }
                        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedObject)
                        {
                            // Committed by someone else between the check and the commit.
                        }
                    }

                    return 0;
                }, options.MaxRetries, time, () => Reset(ref connection), options.Connector,
                    $"committing the prepared transaction '{gid}' on {options.Table.Quoted}");
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public void AbortLeftovers(string currentAttemptId)
    {
        if (!options.ExactlyOnce)
        {
            return;
        }

        NpgsqlConnection? connection = null;
        try
        {
            var leftovers = PostgresErrors.Retry(() =>
            {
                connection ??= Open();
                using var command = new NpgsqlCommand(
                    "SELECT gid FROM pg_prepared_xacts WHERE database = current_database() AND starts_with(gid, $1)", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = options.TransactionIdPrefix + ":" });
                var gids = new List<string>();
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    gids.Add(reader.GetString(0));
                }

                return gids;
            }, options.MaxRetries, time, () => Reset(ref connection), options.Connector, "listing prepared transactions");

            foreach (var gid in leftovers)
            {
                var attempt = PostgresSink.AttemptOf(gid, options.TransactionIdPrefix);
                if (attempt is null || attempt == currentAttemptId)
                {
                    continue;
                }

                PostgresErrors.Retry(() =>
                {
                    connection ??= Open();
                    try
                    {
                        Execute(connection, "ROLLBACK PREPARED " + PostgresSinkWriter.Literal(gid));
                    }
                    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedObject)
                    {
                        // Gone already.
                    }

                    return 0;
                }, options.MaxRetries, time, () => Reset(ref connection), options.Connector, $"rolling back the leftover prepared transaction '{gid}'");
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static bool IsPrepared(NpgsqlConnection connection, string gid)
    {
        using var command = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_xacts WHERE gid = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = gid });
        return (long)command.ExecuteScalar()! > 0;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private NpgsqlConnection Open()
    {
        var connection = new NpgsqlConnection(options.ConnectionString);
        connection.Open();
        return connection;
    }

    private static void Reset(ref NpgsqlConnection? connection)
    {
        connection?.Dispose();
        connection = null;
    }
}
