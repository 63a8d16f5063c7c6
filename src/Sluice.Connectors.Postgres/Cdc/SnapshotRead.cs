using Npgsql;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The initial snapshot being read in chunks: a <c>REPEATABLE READ</c> transaction on an exported snapshot, the
/// replication position the snapshot is consistent with, and the last key read. Owned by the reader's task thread.
/// </summary>
internal sealed class SnapshotRead : IDisposable
{
    private SnapshotRead(NpgsqlConnection connection, NpgsqlTransaction transaction, ulong lsn, object?[]? lastKey)
    {
        Connection = connection;
        Transaction = transaction;
        Lsn = lsn;
        LastKey = lastKey;
    }

    /// <summary>The connection of the snapshot's transaction.</summary>
    public NpgsqlConnection Connection { get; }

    /// <summary>The transaction that reads the snapshot.</summary>
    public NpgsqlTransaction Transaction { get; }

    /// <summary>The replication position the snapshot is consistent with.</summary>
    public ulong Lsn { get; }

    /// <summary>The key of the last row read (null before the first); the next chunk starts above it.</summary>
    public object?[]? LastKey { get; set; }

    /// <summary>The index, in the reader's chunk list, of the range this snapshot reads (-1 before its first rows).</summary>
    public int ChunkIndex { get; set; } = -1;

    /// <summary>Opens a connection and imports the exported snapshot <paramref name="snapshotName"/> into a new transaction.</summary>
    public static SnapshotRead Begin(string connectionString, string snapshotName, ulong lsn, object?[]? lastKey)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            connection.Open();
            var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
            using (var set = new NpgsqlCommand("SET TRANSACTION SNAPSHOT " + Sink.PostgresSinkWriter.Literal(snapshotName), connection, transaction))
            {
                set.ExecuteNonQuery();
            }

            return new SnapshotRead(connection, transaction, lsn, lastKey);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Transaction.Dispose();
        Connection.Dispose();
    }
}
