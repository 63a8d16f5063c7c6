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
/// a long snapshot; the split then records the key ranges read (<see cref="SnapshotChunk"/>). A restore in the middle
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
internal sealed class PostgresCdcReader(PostgresCdcOptions options, TimeProvider time) : ISourceReader<PostgresCdcSplit>
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
        return [new PostgresCdcSplit(_snapshot is null, _lsn) { Chunks = [.. _chunks] }];
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

    /// <summary>
    /// Drops the changes of the buffered transaction (which ended at <paramref name="endLsn"/>) that the snapshot chunk
    /// of their row already shows. An update whose before-image is shown but whose after-image is not becomes an insert
    /// of the new row, and the other way round a delete of the old one.
    /// </summary>
    private void SkipChangesInTheSnapshot(ulong endLsn, int[] keys)
    {
        bool Shown(object?[] row) => SnapshotKeys.ChunkOf(_chunks, SnapshotKeys.KeyOf(row, keys)) is { } chunk && endLsn <= chunk.Lsn;

        var kept = new List<(RowKind Kind, object?[] Values)>(_transaction.Count);
        for (var i = 0; i < _transaction.Count; i++)
        {
            var (kind, values) = _transaction[i];
            if (kind == RowKind.UpdateBefore && i + 1 < _transaction.Count && _transaction[i + 1].Kind == RowKind.UpdateAfter)
            {
                var after = _transaction[++i].Values;
                var keepBefore = !Shown(values);
                var keepAfter = !Shown(after);
                if (keepBefore && keepAfter)
                {
                    kept.Add((RowKind.UpdateBefore, values));
                    kept.Add((RowKind.UpdateAfter, after));
                }
                else if (keepBefore)
                {
                    kept.Add((RowKind.Delete, values));
                }
                else if (keepAfter)
                {
                    kept.Add((RowKind.Insert, after));
                }
            }
            else if (!Shown(values))
            {
                kept.Add((kind, values));
            }
        }

        _transaction.Clear();
        _transaction.AddRange(kept);
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

        _keyColumns = SnapshotKeys.Of(options.Schema, info.PrimaryKey, _serverTypes);

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

    /// <summary>
    /// Reads the next chunk of the snapshot (keys above the last one read, in key order) and emits it; after the last
    /// chunk, ends the snapshot and starts streaming.
    /// </summary>
    private void ReadChunk(ISourceOutput output)
    {
        var snapshot = _snapshot!;
        var schema = options.Schema;
        var keys = _keyColumns!;
        using var command = new NpgsqlCommand { Connection = snapshot.Connection, Transaction = snapshot.Transaction };
        var order = string.Join(", ", keys.Select(k => TableName.Quote(schema[k].Name) + (SnapshotKeys.IsText(_serverTypes![k]) ? " COLLATE \"C\"" : "")));
        var sql = new System.Text.StringBuilder("SELECT ").Append(PostgresTypes.SelectList(schema))
            .Append(" FROM ").Append(options.Table.Quoted);
        if (snapshot.LastKey is { } last)
        {
            var parameters = new List<string>();
            for (var i = 0; i < keys.Length; i++)
            {
                var k = keys[i];
                command.Parameters.Add(new NpgsqlParameter
                {
                    Value = PostgresTypes.ToParameter(last[i], schema[k].DataType, _serverTypes![k]),
                    DataTypeName = _serverTypes[k],
                });
                parameters.Add("$" + command.Parameters.Count);
            }

            sql.Append(" WHERE (").Append(order).Append(") > (").Append(string.Join(", ", parameters)).Append(')');
        }

        sql.Append(" ORDER BY ").Append(order).Append(" LIMIT ").Append(options.ChunkSize);
        command.CommandText = sql.ToString();

        var rows = 0;
        object?[]? lastKey = null;
        var values = new object?[schema.Count];
        var builder = new RecordBatchBuilder(schema, Math.Min(options.SnapshotBatchSize, options.ChunkSize));
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    values[c] = PostgresTypes.Read(reader, c, schema[c].DataType, PostgresCdcOptions.Connector);
                    PostgresTypes.Append(builder, c, values[c]);
                }

                builder.AppendRowKind(RowKind.Insert);
                lastKey = SnapshotKeys.KeyOf(values, keys);
                rows++;
                if (builder.RowCount >= options.SnapshotBatchSize)
                {
                    output.Emit(_split!.SplitId, builder.Build());
                }
            }

            if (builder.RowCount > 0)
            {
                output.Emit(_split!.SplitId, builder.Build());
            }
        }
        finally
        {
            builder.Dispose();
        }

        var done = rows < options.ChunkSize;
        if (rows > 0 || done)
        {
            // The range this snapshot has read grows to the last key emitted (to every key when the table is done).
            var chunk = new SnapshotChunk(done ? null : lastKey, snapshot.Lsn);
            if (snapshot.ChunkIndex < 0)
            {
                _chunks.Add(chunk);
                snapshot.ChunkIndex = _chunks.Count - 1;
            }
            else
            {
                _chunks[snapshot.ChunkIndex] = chunk;
            }

            snapshot.LastKey = lastKey ?? snapshot.LastKey;
        }

        if (done)
        {
            snapshot.Dispose();
            _snapshot = null;
            if (_chunks.All(c => c.Lsn <= _lsn))
            {
                _chunks.Clear(); // read in the slot's own snapshot: nothing to skip
            }

            StartStreaming();
        }
    }

    /// <summary>Reads the whole snapshot within one poll (a table without a primary key the snapshot can be chunked by).</summary>
    private void ReadWholeSnapshot(string snapshotName, ISourceOutput output)
    {
        using var snapshot = SnapshotRead.Begin(options.ConnectionString, snapshotName, _lsn, null);
        var schema = options.Schema;
        using var command = new NpgsqlCommand(
            "SELECT " + PostgresTypes.SelectList(schema) + " FROM " + options.Table.Quoted,
            snapshot.Connection, snapshot.Transaction);
        using var reader = command.ExecuteReader();
        var builder = new RecordBatchBuilder(schema, options.SnapshotBatchSize);
        try
        {
            while (reader.Read())
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    PostgresTypes.Append(builder, c, PostgresTypes.Read(reader, c, schema[c].DataType, PostgresCdcOptions.Connector));
                }

                builder.AppendRowKind(RowKind.Insert);
                if (builder.RowCount >= options.SnapshotBatchSize)
                {
                    output.Emit(_split!.SplitId, builder.Build());
                }
            }

            if (builder.RowCount > 0)
            {
                output.Emit(_split!.SplitId, builder.Build());
            }
        }
        finally
        {
            builder.Dispose();
        }
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
            if (target < 0)
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
