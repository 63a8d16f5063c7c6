using System.Globalization;
using Npgsql;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Postgres.Sink;

/// <summary>
/// The writer of one subtask of a <see cref="PostgresSink"/>: buffers rows (reduced by primary key in upsert mode,
/// so that the last change of a key wins), flushes them as multi-row statements, and in exactly-once mode keeps
/// them in one transaction per checkpoint that it prepares at the barrier.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Called on the sink task's thread only. There is no timer: a buffer older than the flush
/// interval is flushed by the next <see cref="Write"/>, and every buffer is flushed at the barrier.
/// </remarks>
internal sealed class PostgresSinkWriter : ISinkWriter<string>
{
    private readonly PostgresSinkOptions _options;
    private readonly SinkContext _context;
    private readonly TimeProvider _time;
    private readonly List<object?[]> _appends = [];
    private readonly Dictionary<RowKey, object?[]?> _upserts = [];
    private readonly List<string> _ownPrepared = [];
    private NpgsqlConnection? _connection;
    private SinkStatements? _statements;
    private long _oldestBuffered;
    private bool _inTransaction;
    private bool _disposed;

    public PostgresSinkWriter(PostgresSinkOptions options, SinkContext context)
    {
        _options = options;
        _context = context;
        _time = context.TimeProvider;
        PostgresErrors.Retry(() => Connection(), options.MaxRetries, _time, Reset, options.Connector, $"connecting to write {options.Table.Quoted}");
    }

    /// <summary>Rows buffered and not yet sent (for tests).</summary>
    public int BufferedRows => _options.IsUpsert ? _upserts.Count : _appends.Count;

    /// <summary>Flushes sent to the server (for tests).</summary>
    public int Flushes { get; private set; }

    public void Write(IBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(batch);
        if (batch is not RecordBatch records)
        {
            throw new ConnectorException(_options.Connector, $"expected record batches, got {batch.GetType().Name}.", ErrorDomain.Internal, RetryHint.None);
        }

        var schema = _options.Schema;
        for (var r = 0; r < records.RowCount; r++)
        {
            var physical = records.PhysicalRow(r);
            var kind = records.GetRowKind(physical);
            if (kind == RowKind.UpdateBefore && _options.IsUpsert)
            {
                continue;
            }

            var row = new object?[schema.Count];
            for (var c = 0; c < row.Length; c++)
            {
                var column = records.Column(c);
                // A DECIMAL beyond the 28 digits of System.Decimal stays exact (written as text).
                row[c] = column is PrimitiveVector<Int128> wide && !column.IsNull(physical)
                    ? Types.ExactDecimal.FromUnscaled(wide[physical], schema[c].DataType)
                    : column.GetValue(physical);
            }

            if (BufferedRows == 0)
            {
                _oldestBuffered = _time.GetTimestamp();
            }

            if (!_options.IsUpsert)
            {
                if (kind != RowKind.Insert)
                {
                    throw new ConnectorException(_options.Connector,
                        $"the table {_options.Table.Quoted} has no primary key in its definition, so it accepts only inserts, but received a {kind} row; declare a PRIMARY KEY ... NOT ENFORCED to write updates and deletes.",
                        ErrorDomain.User, RetryHint.None);
                }

                _appends.Add(row);
            }
            else
            {
                var key = new RowKey([.. _options.PrimaryKey.Select(k => row[k])]);
                _upserts.Remove(key);
                _upserts[key] = kind == RowKind.Delete ? null : row;
            }
        }

        if (BufferedRows >= _options.MaxBufferedRows
            || (BufferedRows > 0 && _options.FlushInterval > TimeSpan.Zero && _time.GetElapsedTime(_oldestBuffered) >= _options.FlushInterval))
        {
            Flush(atBarrier: false);
        }
    }

    public IReadOnlyList<string> PrepareCommit(long checkpointId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Flush(atBarrier: true);
        if (!_options.ExactlyOnce || !_inTransaction)
        {
            return [];
        }

        var gid = PostgresSink.TransactionId(_options.TransactionIdPrefix, _context.SubtaskIndex, _context.AttemptId, checkpointId);
        try
        {
            Execute("PREPARE TRANSACTION " + Literal(gid));
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            _inTransaction = false;
            throw PostgresErrors.Wrap(_options.Connector, $"preparing the transaction '{gid}' on {_options.Table.Quoted}", ex);
        }

        _inTransaction = false;
        _ownPrepared.Add(gid);
        return [gid];
    }

    public void Finish() => Flush(atBarrier: true);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // Closing the connection rolls an open (unprepared) transaction back.
        Reset();
    }

    private void Flush(bool atBarrier)
    {
        if (BufferedRows == 0)
        {
            return;
        }

        if (_options.ExactlyOnce)
        {
            // An upsert of a key that our previous, still prepared transaction wrote would wait for its commit, which
            // happens on this thread when the checkpoint completes: keep buffering until it is committed.
            if (!atBarrier && BufferedRows < 10 * _options.MaxBufferedRows && HasOwnPreparedTransactions())
            {
                return;
            }

            try
            {
                if (!_inTransaction)
                {
                    Execute("BEGIN");
                    _inTransaction = true;
                }

                SendBuffer();
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                var what = ex is PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable }
                    ? $"writing to {_options.Table.Quoted} (a row was locked longer than {_options.LockTimeout.TotalSeconds:0.#} s, e.g. by a prepared transaction of an earlier checkpoint that is not committed yet)"
                    : $"writing to {_options.Table.Quoted} in the transaction of the current checkpoint";
                Reset();
                throw PostgresErrors.Wrap(_options.Connector, what, ex);
            }
        }
        else
        {
            PostgresErrors.Retry(() =>
            {
                try
                {
                    Execute("BEGIN");
                    SendBuffer();
                    Execute("COMMIT");
                }
                catch
                {
                    // Leave no aborted transaction behind: the next attempt starts on a fresh connection.
                    Reset();
                    throw;
                }

                return 0;
            }, _options.MaxRetries, _time, Reset, _options.Connector, $"writing {BufferedRows} row(s) to {_options.Table.Quoted}");
        }

        _appends.Clear();
        _upserts.Clear();
        Flushes++;
    }

    private void SendBuffer()
    {
        var connection = Connection();
        using var batch = new NpgsqlBatch(connection);
        if (!_options.IsUpsert)
        {
            var copied = _appends.Where(r => !SinkStatements.NeedsStatement(r)).ToList();
            if (copied.Count > 0)
            {
                _statements!.Copy(connection, copied);
            }

            if (copied.Count < _appends.Count)
            {
                _statements!.AddAppends(batch, [.. _appends.Where(SinkStatements.NeedsStatement)]);
                batch.ExecuteNonQuery();
            }

            return;
        }

        var upserts = _upserts.Values.Where(r => r is not null).Cast<object?[]>().ToList();
        var deletes = _upserts.Where(p => p.Value is null).Select(p => p.Key.Values.ToArray()).ToList();
        if (upserts.Count > 0)
        {
            _statements!.AddUpserts(batch, upserts);
        }

        if (deletes.Count > 0)
        {
            _statements!.AddDeletes(batch, deletes);
        }

        batch.ExecuteNonQuery();
    }

    private bool HasOwnPreparedTransactions()
    {
        if (_ownPrepared.Count == 0)
        {
            return false;
        }

        using var command = new NpgsqlCommand("SELECT gid FROM pg_prepared_xacts WHERE gid = ANY($1)", Connection());
        command.Parameters.Add(new NpgsqlParameter { Value = _ownPrepared.ToArray() });
        var still = new HashSet<string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                still.Add(reader.GetString(0));
            }
        }

        _ownPrepared.RemoveAll(g => !still.Contains(g));
        return _ownPrepared.Count > 0;
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        if (_inTransaction)
        {
            // Never go on in a new session: what was written since the last barrier is gone with the old one.
            Reset();
            throw new ConnectorException(_options.Connector,
                $"the connection holding the transaction of the current checkpoint on {_options.Table.Quoted} was lost; the job must restart from the last checkpoint.",
                ErrorDomain.External, RetryHint.WithBackoff);
        }

        Reset();
        var connection = new NpgsqlConnection(_options.ConnectionString);
        connection.Open();
        _connection = connection;
        if (_statements is null)
        {
            var info = PostgresTableInfo.Load(connection, _options.Table, _options.Connector);
            var types = info.Check(_options.Schema, forWriting: true, _options.Connector);
            if (_options.IsUpsert)
            {
                var declared = _options.PrimaryKey.Select(k => _options.Schema[k].Name).ToList();
                if (!declared.Order(StringComparer.Ordinal).SequenceEqual(info.PrimaryKey.Order(StringComparer.Ordinal)))
                {
                    throw new ConnectorException(_options.Connector,
                        $"the table's PRIMARY KEY ({string.Join(", ", declared)}) must be the primary key of {_options.Table.Quoted} in PostgreSQL, " +
                        $"which is {(info.PrimaryKey.Count == 0 ? "not declared" : "(" + string.Join(", ", info.PrimaryKey) + ")")}: upserts need a unique constraint on exactly these columns.",
                        ErrorDomain.User, RetryHint.None);
                }
            }

            if (_options.ExactlyOnce)
            {
                CheckPreparedTransactions(connection);
            }

            _statements = new SinkStatements(_options, types);
        }

        if (_options.ExactlyOnce)
        {
            Execute("SET lock_timeout = " + ((long)_options.LockTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        return connection;
    }

    private void CheckPreparedTransactions(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT current_setting('max_prepared_transactions')::int", connection);
        var max = (int)command.ExecuteScalar()!;
        if (max <= 0)
        {
            throw new ConnectorException(_options.Connector,
                "'sink.delivery-guarantee' = 'exactly-once' needs prepared transactions, but the server's 'max_prepared_transactions' is 0; " +
                "set max_prepared_transactions (e.g. to 100, at least the sink's parallelism times the concurrent checkpoints) in postgresql.conf and restart the server.",
                ErrorDomain.User, RetryHint.None);
        }
    }

    private void Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, Connection());
        command.ExecuteNonQuery();
    }

    private void Reset()
    {
        _inTransaction = false;
        _connection?.Dispose();
        _connection = null;
    }

    internal static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
