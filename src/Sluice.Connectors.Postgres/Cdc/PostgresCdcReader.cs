using System.Threading.Channels;
using Npgsql;
using Npgsql.Replication;
using Npgsql.Replication.PgOutput;
using Npgsql.Replication.PgOutput.Messages;
using NpgsqlTypes;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Batches;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// Reads the <c>postgres-cdc</c> split: on a fresh start creates the slot with an exported snapshot, reads the table
/// in that snapshot (<c>REPEATABLE READ</c> + <c>SET TRANSACTION SNAPSHOT</c>), then streams from the slot's
/// consistent point, so the hand-over loses and duplicates nothing. Changes are received on a background task into a
/// bounded queue; <see cref="PollNext"/> drains it and emits whole transactions only, so the position (the end LSN of
/// the last emitted transaction) is exact at every checkpoint.
/// </summary>
/// <remarks>
/// <para><b>Snapshot in chunks.</b> When the table has a primary key of an ordered type (<see cref="SnapshotKeys"/>),
/// each poll reads the next <c>scan.incremental.snapshot.chunk.size</c> rows in key order, so checkpoints happen during
/// a long snapshot; the split then records the key ranges read (<see cref="SnapshotChunk"/>). A chunk key column
/// (<c>scan.incremental.snapshot.chunk.key-column</c>) replaces the primary key; when its values repeat, a chunk ends at
/// the value of its last row and takes every row of that value, so the ranges are ranges of values all the same. A restore in the middle
/// of the snapshot cannot return to the lost exported snapshot: it reads the remaining keys in a new snapshot exported
/// by a temporary slot, at a later position, and while streaming from the first slot's consistent point skips each
/// change whose transaction ended at or before the position of the chunk that holds its row (that chunk's rows
/// already show it). Without a usable key the snapshot is read within one poll (checkpoints wait until it is done, as
/// in Flink CDC's non-incremental mode).</para>
/// <para><b>Slot.</b> Its confirmed position advances only when a checkpoint completes, to that checkpoint's
/// position, so a restore can always re-read from the checkpoint's position. On an idle table, a heartbeat (a
/// transactional logical decoding message written every <c>heartbeat.interval</c> without other commits) moves the
/// position on, so the slot does not hold back the server's WAL.</para>
/// <para><b>TRUNCATE</b> of the table fails the job with an error naming it (a changelog cannot express it), unless
/// <c>truncate.handling</c> is <c>ignore</c>.</para>
/// <para><b>Threading.</b> Every method is called on the source task's thread; the background task only writes the
/// queue.</para>
/// </remarks>
internal sealed partial class PostgresCdcReader(PostgresCdcOptions options, TimeProvider time) : ISourceReader<PostgresCdcSplit>
{
    private const int MaxEventsPerPoll = 20_000;
    private const string HeartbeatPrefix = "sluice-heartbeat";
    private readonly SortedDictionary<long, ulong> _checkpointLsns = [];
    private readonly List<(RowKind Kind, object?[] Values)> _transaction = [];
    private readonly List<SnapshotChunk> _chunks = [];
    private readonly CancellationTokenSource _cancel = new();
    private PostgresCdcSplit? _split;
    private bool _started;
    private ulong _lsn;
    private LogicalReplicationConnection? _replication;
    private Channel<CdcEvent>? _queue;
    private Task? _receiver;
    private int[]? _keyColumns;
    private bool _uniqueKey;
    private string[]? _serverTypes;
    private SnapshotRead? _snapshot;
    private NpgsqlConnection? _heartbeatConnection;
    private long _lastCommitOrHeartbeat;
    private TimeSpan? _heartbeatInterval;

    public void AddSplits(IReadOnlyList<PostgresCdcSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        if (splits.Count > 0)
        {
            _split = splits[0];
        }
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_split is null)
        {
            return InputStatus.EndOfInput;
        }

        if (!_started)
        {
            try
            {
                Start(output);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                throw PostgresErrors.Wrap(PostgresCdcOptions.Connector, $"starting to read {options.Table.Quoted} with slot '{options.SlotName}'", ex);
            }

            _started = true;
            return InputStatus.MoreAvailable;
        }

        if (_snapshot is not null)
        {
            try
            {
                ReadChunk(output);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException)
            {
                throw PostgresErrors.Wrap(PostgresCdcOptions.Connector, $"reading the snapshot of {options.Table.Quoted}", ex);
            }

            return InputStatus.MoreAvailable;
        }

        var drained = 0;
        while (drained < MaxEventsPerPoll && _queue!.Reader.TryRead(out var item))
        {
            drained++;
            switch (item.Kind)
            {
                case CdcEventKind.Row:
                    _transaction.Add((item.RowKind, item.Values!));
                    break;
                case CdcEventKind.Commit:
                    EmitTransaction(output, item.Lsn);
                    _lsn = Math.Max(_lsn, item.Lsn);
                    _lastCommitOrHeartbeat = time.GetTimestamp();
                    if (_chunks.Count > 0 && _chunks.All(c => c.Lsn <= _lsn))
                    {
                        _chunks.Clear(); // every later change is newer than every chunk
                    }

                    break;
                default:
                    throw item.Error is SluiceException sluice ? sluice
                        : PostgresErrors.Wrap(PostgresCdcOptions.Connector, $"streaming changes of {options.Table.Quoted} from slot '{options.SlotName}'", item.Error!);
            }
        }

        if (drained == 0 && _receiver is { IsCompleted: true } && !_queue!.Reader.TryPeek(out _))
        {
            throw new ConnectorException(PostgresCdcOptions.Connector, $"the replication stream of slot '{options.SlotName}' ended unexpectedly.");
        }

        if (drained == 0 && _transaction.Count == 0 && _heartbeatInterval is { } interval
            && time.GetElapsedTime(_lastCommitOrHeartbeat) >= interval)
        {
            Heartbeat();
        }

        return drained > 0 ? InputStatus.MoreAvailable : InputStatus.NothingAvailable;
    }

    public IReadOnlyList<PostgresCdcSplit> SnapshotState(long checkpointId)
    {
        if (_split is null)
        {
            return [];
        }

        if (!_started)
        {
            return [_split];
        }

        _checkpointLsns[checkpointId] = _lsn;
        return [new PostgresCdcSplit(_snapshot is null, _lsn)
        {
            Chunks = [.. _chunks],
            ChunkKeyColumns = _chunks.Count == 0 || _keyColumns is null ? [] : [.. _keyColumns.Select(k => options.Schema[k].Name)],
        }];
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        ulong? confirmed = null;
        foreach (var (id, lsn) in _checkpointLsns.Where(p => p.Key <= checkpointId).ToList())
        {
            confirmed = lsn;
            _checkpointLsns.Remove(id);
        }

        // Only a streaming connection takes status updates (before, it holds the exported snapshot and must stay idle).
        if (confirmed is { } position && position > 0 && _receiver is not null && _replication is { } replication)
        {
            replication.SetReplicationStatus(new NpgsqlLogSequenceNumber(position));
            _ = replication.SendStatusUpdate(_cancel.Token).ContinueWith(
                static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public void Dispose()
    {
        _cancel.Cancel();
        try
        {
            _receiver?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // The receiver ends with the cancellation.
        }

        _snapshot?.Dispose();
        _snapshot = null;
        _heartbeatConnection?.Dispose();
        _replication?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        _cancel.Dispose();
    }

    private void EmitTransaction(ISourceOutput output, ulong endLsn)
    {
        if (_transaction.Count == 0)
        {
            return;
        }

        if (_chunks.Count > 0 && _keyColumns is { } keys)
        {
            SkipChangesInTheSnapshot(endLsn, keys);
        }

        var schema = options.Schema;
        for (var start = 0; start < _transaction.Count; start += options.SnapshotBatchSize)
        {
            var count = Math.Min(options.SnapshotBatchSize, _transaction.Count - start);
            using var builder = new RecordBatchBuilder(schema, count);
            for (var i = start; i < start + count; i++)
            {
                var (kind, values) = _transaction[i];
                for (var c = 0; c < schema.Count; c++)
                {
                    PostgresTypes.Append(builder, c, values[c]);
                }

                builder.AppendRowKind(kind);
            }

            output.Emit(_split!.SplitId, builder.Build());
        }

        _transaction.Clear();
    }

    private void Start(ISourceOutput output)
    {
        using var connection = new NpgsqlConnection(options.ConnectionString);
        try
        {
            connection.Open();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            throw PostgresErrors.Wrap(PostgresCdcOptions.Connector, "connecting", ex);
        }

        var info = PostgresTableInfo.Load(connection, options.Table, PostgresCdcOptions.Connector);
        _serverTypes = info.Check(options.Schema, forWriting: false, PostgresCdcOptions.Connector);
        if (info.ReplicaIdentity != 'f')
        {
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the table {options.Table.Quoted} must have REPLICA IDENTITY FULL so that updates and deletes carry the whole previous row; run: ALTER TABLE {options.Table.Quoted} REPLICA IDENTITY FULL;",
                ErrorDomain.User, RetryHint.None);
        }

        ChooseChunkKey(info);

        // Heartbeats travel as logical decoding messages, which pgoutput sends from PostgreSQL 14 on.
        _heartbeatInterval = connection.PostgreSqlVersion.Major >= 14 ? options.HeartbeatInterval : null;
        EnsurePublication(connection);
        var slotExists = SlotExists(connection);
        _lastCommitOrHeartbeat = time.GetTimestamp();
        if (_split!.Streaming || _split.InSnapshot)
        {
            if (!slotExists)
            {
                throw new ConnectorException(PostgresCdcOptions.Connector,
                    $"the replication slot '{options.SlotName}' no longer exists, so the changes since the checkpoint are lost; start the job without restoring (a new initial snapshot).",
                    ErrorDomain.User, RetryHint.None);
            }

            var confirmed = ConfirmedPosition(connection);
            if (confirmed > _split.Lsn)
            {
                throw new ConnectorException(PostgresCdcOptions.Connector,
                    $"the replication slot '{options.SlotName}' has already confirmed position {new NpgsqlLogSequenceNumber(confirmed)}, beyond the " +
                    $"restored position {new NpgsqlLogSequenceNumber(_split.Lsn)} (was the job restored from an older checkpoint or savepoint?); " +
                    "the changes in between are no longer available. Start the job without restoring (a new initial snapshot).",
                    ErrorDomain.User, RetryHint.None);
            }

            _lsn = _split.Lsn;
            _chunks.AddRange(_split.Chunks);
            if (_chunks.Count > 0 && _keyColumns is null)
            {
                throw new ConnectorException(PostgresCdcOptions.Connector,
                    $"the checkpoint depends on the key ranges of a snapshot of {options.Table.Quoted} read in chunks by the table's primary key, " +
                    "but the table no longer has a primary key the snapshot can be read by; start the job without restoring (a new initial snapshot).",
                    ErrorDomain.User, RetryHint.None);
            }

            if (_chunks.Count > 0 && _split.ChunkKeyColumns.Count > 0
                && !_split.ChunkKeyColumns.SequenceEqual(_keyColumns!.Select(k => options.Schema[k].Name), StringComparer.Ordinal))
            {
                throw new ConnectorException(PostgresCdcOptions.Connector,
                    $"the checkpoint depends on a snapshot of {options.Table.Quoted} read in chunks by ({string.Join(", ", _split.ChunkKeyColumns)}), but the " +
                    $"snapshot's chunk key is now ({string.Join(", ", _keyColumns!.Select(k => options.Schema[k].Name))}); restore with the same " +
                    "'scan.incremental.snapshot.chunk.key-column', or start the job without restoring (a new initial snapshot).",
                    ErrorDomain.User, RetryHint.None);
            }

            if (_split.Streaming)
            {
                StartStreaming();
                return;
            }

            // The exported snapshot died with the failed attempt: read the remaining keys in a new one, exported by a
            // temporary slot at a later position; the stream's changes up to that position are skipped for those keys.
            var replication = Wait(OpenReplicationAsync);
            try
            {
                var name = options.SlotName[..Math.Min(options.SlotName.Length, 50)] + "_r" + Guid.NewGuid().ToString("N")[..8];
                var created = Wait(ct => replication.CreatePgOutputReplicationSlot(name, temporarySlot: true, LogicalSlotSnapshotInitMode.Export,
                    cancellationToken: ct));
                _snapshot = SnapshotRead.Begin(options.ConnectionString, created.SnapshotName!, (ulong)created.ConsistentPoint, _chunks[^1].UpperKey);
            }
            finally
            {
                // Once imported, the snapshot no longer needs the exporting connection (nor its temporary slot).
                replication.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
            }

            ReadChunk(output);
        }
        else if (options.InitialSnapshot)
        {
            if (slotExists)
            {
                Execute(connection, "SELECT pg_drop_replication_slot($1)", options.SlotName);
            }

            _replication = Wait(OpenReplicationAsync);
            var created = Wait(ct => _replication.CreatePgOutputReplicationSlot(options.SlotName, temporarySlot: false,
                LogicalSlotSnapshotInitMode.Export, cancellationToken: ct));
            _lsn = (ulong)created.ConsistentPoint;
            if (_keyColumns is null)
            {
                ReadWholeSnapshot(created.SnapshotName!, output);
                StartStreaming();
                return;
            }

            _snapshot = SnapshotRead.Begin(options.ConnectionString, created.SnapshotName!, _lsn, null);
            ReadChunk(output);
        }
        else if (slotExists)
        {
            using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
            _lsn = (ulong)(NpgsqlLogSequenceNumber)command.ExecuteScalar()!;
            StartStreaming();
        }
        else
        {
            _replication = Wait(OpenReplicationAsync);
            var created = Wait(ct => _replication.CreatePgOutputReplicationSlot(options.SlotName, temporarySlot: false,
                LogicalSlotSnapshotInitMode.NoExport, cancellationToken: ct));
            _lsn = (ulong)created.ConsistentPoint;
            StartStreaming();
        }
    }

    private async Task<LogicalReplicationConnection> OpenReplicationAsync(CancellationToken cancel)
    {
        var replication = new LogicalReplicationConnection(options.ConnectionString);
        await replication.Open(cancel).ConfigureAwait(false);
        return replication;
    }

    /// <summary>Starts receiving the slot's changes from <see cref="_lsn"/> on a background task.</summary>
    private void StartStreaming()
    {
        _replication ??= Wait(OpenReplicationAsync);
        _queue = Channel.CreateBounded<CdcEvent>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        var start = _lsn;
        var replicationConnection = _replication;
        var slot = new PgOutputReplicationSlot(options.SlotName);
        _lastCommitOrHeartbeat = time.GetTimestamp();
        _receiver = Task.Run(() => ReceiveAsync(replicationConnection, slot, start, _queue.Writer, _cancel.Token));
    }

    /// <summary>Writes a heartbeat into the WAL: a transactional logical decoding message, so its commit moves the position on.</summary>
    private void Heartbeat()
    {
        try
        {
            if (_heartbeatConnection is not { State: System.Data.ConnectionState.Open })
            {
                _heartbeatConnection?.Dispose();
                _heartbeatConnection = new NpgsqlConnection(options.ConnectionString);
                _heartbeatConnection.Open();
            }

            Execute(_heartbeatConnection, "SELECT pg_logical_emit_message(true, $1, '')", HeartbeatPrefix);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            // Every user may call it unless an administrator revoked it from PUBLIC.
            var user = new NpgsqlConnectionStringBuilder(options.ConnectionString).Username;
            var signature = _heartbeatConnection!.PostgreSqlVersion.Major >= 17 ? "(boolean, text, text, boolean)" : "(boolean, text, text)";
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the user '{user}' may not execute pg_logical_emit_message, which writes the heartbeats of slot '{options.SlotName}' ({ex.MessageText}); " +
                $"run: GRANT EXECUTE ON FUNCTION pg_logical_emit_message{signature} TO \"{user}\"; or set 'heartbeat.interval' = '0' to turn heartbeats off.",
                ErrorDomain.User, RetryHint.None, ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            throw PostgresErrors.Wrap(PostgresCdcOptions.Connector, $"writing a heartbeat for slot '{options.SlotName}' ('heartbeat.interval')", ex);
        }

        _lastCommitOrHeartbeat = time.GetTimestamp();
    }

    private async Task ReceiveAsync(LogicalReplicationConnection replication, PgOutputReplicationSlot slot, ulong start,
        ChannelWriter<CdcEvent> queue, CancellationToken cancel)
    {
        try
        {
            // Logical decoding messages carry the heartbeats; without heartbeats they stay off.
            var replicationOptions = new PgOutputReplicationOptions(options.PublicationName, PgOutputProtocolVersion.V1,
                messages: _heartbeatInterval is null ? null : true);
            var columnMap = new Dictionary<uint, int[]?>();
            for (var attempt = 0; ; attempt++)
            {
                var received = false;
                try
                {
                    await foreach (var message in replication.StartReplication(slot, replicationOptions, cancel, new NpgsqlLogSequenceNumber(start))
                        .ConfigureAwait(false))
                    {
                        received = true;
                        await HandleAsync(message, columnMap, queue, cancel).ConfigureAwait(false);
                    }

                    break;
                }
                catch (PostgresException ex) when (!received && ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 60)
                {
                    // The slot is still held by the walsender of a previous attempt that has not noticed its end yet.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancel).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Disposed.
        }
        catch (Exception ex) when (!cancel.IsCancellationRequested)
        {
            queue.TryWrite(CdcEvent.Failure(ex));
        }
        finally
        {
            queue.TryComplete();
        }
    }

    private async Task HandleAsync(PgOutputReplicationMessage message, Dictionary<uint, int[]?> columnMap, ChannelWriter<CdcEvent> queue,
        CancellationToken cancel)
    {
        switch (message)
        {
            case RelationMessage relation:
                columnMap[relation.RelationId] = IsOurs(relation) ? MapColumns(relation) : null;
                break;
            case InsertMessage insert when Map(columnMap, insert.Relation) is { } map:
                await queue.WriteAsync(CdcEvent.Row(RowKind.Insert, await ReadTuple(insert.NewRow, map, null, cancel).ConfigureAwait(false)), cancel)
                    .ConfigureAwait(false);
                break;
            case FullUpdateMessage update when Map(columnMap, update.Relation) is { } map:
                var before = await ReadTuple(update.OldRow, map, null, cancel).ConfigureAwait(false);
                var after = await ReadTuple(update.NewRow, map, before, cancel).ConfigureAwait(false);
                await queue.WriteAsync(CdcEvent.Row(RowKind.UpdateBefore, before), cancel).ConfigureAwait(false);
                await queue.WriteAsync(CdcEvent.Row(RowKind.UpdateAfter, after), cancel).ConfigureAwait(false);
                break;
            case FullDeleteMessage delete when Map(columnMap, delete.Relation) is { } map:
                await queue.WriteAsync(CdcEvent.Row(RowKind.Delete, await ReadTuple(delete.OldRow, map, null, cancel).ConfigureAwait(false)), cancel)
                    .ConfigureAwait(false);
                break;
            case UpdateMessage update when Map(columnMap, update.Relation) is not null:
                throw NotFull();
            case DeleteMessage delete when Map(columnMap, delete.Relation) is not null:
                throw NotFull();
            case TruncateMessage truncate when !options.IgnoreTruncate && truncate.Relations.Any(r => Map(columnMap, r) is not null):
                throw new ConnectorException(PostgresCdcOptions.Connector,
                    $"the table {options.Table.Quoted} was truncated (TRUNCATE at WAL position {truncate.WalStart}). " +
                    "A changelog cannot express a TRUNCATE, so the rows it removed would stay downstream. Restart the job without restoring " +
                    "(a new initial snapshot), or set 'truncate.handling' = 'ignore' to skip TRUNCATEs (the removed rows then stay downstream).",
                    ErrorDomain.User, RetryHint.None);
            case CommitMessage commit:
                await queue.WriteAsync(CdcEvent.Commit((ulong)commit.TransactionEndLsn), cancel).ConfigureAwait(false);
                break;
        }
    }

    private ConnectorException NotFull() => new(PostgresCdcOptions.Connector,
        $"an update or delete on {options.Table.Quoted} came without the previous row; run: ALTER TABLE {options.Table.Quoted} REPLICA IDENTITY FULL;",
        ErrorDomain.User, RetryHint.None);

    private static int[]? Map(Dictionary<uint, int[]?> columnMap, RelationMessage relation) =>
        columnMap.TryGetValue(relation.RelationId, out var map) ? map : null;

    private bool IsOurs(RelationMessage relation) =>
        relation.RelationName == options.Table.Name && relation.Namespace == (options.Table.Schema ?? "public");

    private int[] MapColumns(RelationMessage relation)
    {
        var map = new int[relation.Columns.Count];
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = options.Schema.IndexOf(relation.Columns[i].ColumnName);
        }

        return map;
    }

    private async Task<object?[]> ReadTuple(ReplicationTuple tuple, int[] map, object?[]? previous, CancellationToken cancel)
    {
        var schema = options.Schema;
        var values = new object?[schema.Count];
        var i = 0;
        await foreach (var value in tuple.ConfigureAwait(false))
        {
            var target = i < map.Length ? map[i] : -1;
            i++;
            if (target < 0 || !Selects(target))
            {
                continue;
            }

            if (value.IsDBNull)
            {
                values[target] = null;
            }
            else if (value.IsUnchangedToastedValue)
            {
                values[target] = previous?[target];
            }
            else
            {
                var text = await value.Get<string>(cancel).ConfigureAwait(false);
                try
                {
                    values[target] = PostgresTypes.ParseText(text, schema[target].DataType);
                }
                catch (Exception ex) when (ex is FormatException or OverflowException)
                {
                    throw new ConnectorException(PostgresCdcOptions.Connector,
                        $"cannot decode the value '{text}' of column \"{schema[target].Name}\" of {options.Table.Quoted} as {schema[target].DataType}: {ex.Message}",
                        ErrorDomain.User, RetryHint.None, ex);
                }
            }
        }

        return values;
    }

    private void EnsurePublication(NpgsqlConnection connection)
    {
        using (var exists = new NpgsqlCommand("SELECT puballtables FROM pg_publication WHERE pubname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = options.PublicationName });
            var all = exists.ExecuteScalar();
            if (all is null)
            {
                Execute(connection, $"CREATE PUBLICATION {TableName.Quote(options.PublicationName)} FOR TABLE {options.Table.Quoted}");
                return;
            }

            if (all is true)
            {
                return;
            }
        }

        using var member = new NpgsqlCommand(
            "SELECT count(*) FROM pg_publication_tables WHERE pubname = $1 AND schemaname = $2 AND tablename = $3", connection);
        member.Parameters.Add(new NpgsqlParameter { Value = options.PublicationName });
        member.Parameters.Add(new NpgsqlParameter { Value = options.Table.Schema ?? "public" });
        member.Parameters.Add(new NpgsqlParameter { Value = options.Table.Name });
        if ((long)member.ExecuteScalar()! == 0)
        {
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the publication '{options.PublicationName}' does not include {options.Table.Quoted}; run: ALTER PUBLICATION {TableName.Quote(options.PublicationName)} ADD TABLE {options.Table.Quoted};",
                ErrorDomain.User, RetryHint.None);
        }
    }

    private ulong ConfirmedPosition(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = options.SlotName });
        return command.ExecuteScalar() is NpgsqlLogSequenceNumber lsn ? (ulong)lsn : 0;
    }

    private bool SlotExists(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand("SELECT plugin FROM pg_replication_slots WHERE slot_name = $1 AND database = current_database()", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = options.SlotName });
        var plugin = command.ExecuteScalar();
        if (plugin is string name && name != "pgoutput")
        {
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the replication slot '{options.SlotName}' uses the plugin '{name}'; only 'pgoutput' is supported (drop the slot or choose another 'slot.name').",
                ErrorDomain.User, RetryHint.None);
        }

        return plugin is not null;
    }

    private static void Execute(NpgsqlConnection connection, string sql, params object[] parameters)
    {
        using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        command.ExecuteNonQuery();
    }

    private T Wait<T>(Func<CancellationToken, Task<T>> action)
    {
        try
        {
            return action(_cancel.Token).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException)
        {
            throw PostgresErrors.Wrap(PostgresCdcOptions.Connector, $"using the replication slot '{options.SlotName}'", ex);
        }
    }
}
