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
/// <para><b>Snapshot.</b> The snapshot is read within one poll (checkpoints wait until it is done, as in Flink CDC's
/// non-incremental mode): a checkpoint is either before it (the restore redoes it with a new slot) or after it.</para>
/// <para><b>Slot.</b> Its confirmed position advances only when a checkpoint completes, to that checkpoint's
/// position, so a restore can always re-read from the checkpoint's position.</para>
/// <para><b>Threading.</b> Every method is called on the source task's thread; the background task only writes the
/// queue.</para>
/// </remarks>
internal sealed class PostgresCdcReader(PostgresCdcOptions options) : ISourceReader<PostgresCdcSplit>
{
    private const int MaxEventsPerPoll = 20_000;
    private readonly SortedDictionary<long, ulong> _checkpointLsns = [];
    private readonly List<(RowKind Kind, object?[] Values)> _transaction = [];
    private readonly CancellationTokenSource _cancel = new();
    private PostgresCdcSplit? _split;
    private bool _started;
    private ulong _lsn;
    private LogicalReplicationConnection? _replication;
    private Channel<CdcEvent>? _queue;
    private Task? _receiver;

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
                    EmitTransaction(output);
                    _lsn = Math.Max(_lsn, item.Lsn);
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
        return [new PostgresCdcSplit(true, _lsn)];
    }

    public void NotifyCheckpointComplete(long checkpointId)
    {
        ulong? confirmed = null;
        foreach (var (id, lsn) in _checkpointLsns.Where(p => p.Key <= checkpointId).ToList())
        {
            confirmed = lsn;
            _checkpointLsns.Remove(id);
        }

        if (confirmed is { } position && position > 0 && _replication is { } replication)
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

        _replication?.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));
        _cancel.Dispose();
    }

    private void EmitTransaction(ISourceOutput output)
    {
        if (_transaction.Count == 0)
        {
            return;
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
                    builder.Append(c, values[c]);
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
        info.Check(options.Schema, forWriting: false, PostgresCdcOptions.Connector);
        if (info.ReplicaIdentity != 'f')
        {
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the table {options.Table.Quoted} must have REPLICA IDENTITY FULL so that updates and deletes carry the whole previous row; run: ALTER TABLE {options.Table.Quoted} REPLICA IDENTITY FULL;",
                ErrorDomain.User, RetryHint.None);
        }

        EnsurePublication(connection);
        var slotExists = SlotExists(connection);
        _replication = Wait(async ct =>
        {
            var replication = new LogicalReplicationConnection(options.ConnectionString);
            await replication.Open(ct).ConfigureAwait(false);
            return replication;
        });

        var slot = new PgOutputReplicationSlot(options.SlotName);
        if (_split!.Streaming)
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
        }
        else if (options.InitialSnapshot)
        {
            if (slotExists)
            {
                Execute(connection, "SELECT pg_drop_replication_slot($1)", options.SlotName);
            }

            var created = Wait(ct => _replication.CreatePgOutputReplicationSlot(options.SlotName, temporarySlot: false,
                LogicalSlotSnapshotInitMode.Export, cancellationToken: ct));
            ReadSnapshot(created.SnapshotName!, output);
            _lsn = (ulong)created.ConsistentPoint;
        }
        else if (slotExists)
        {
            using var command = new NpgsqlCommand("SELECT pg_current_wal_lsn()", connection);
            _lsn = (ulong)(NpgsqlLogSequenceNumber)command.ExecuteScalar()!;
        }
        else
        {
            var created = Wait(ct => _replication.CreatePgOutputReplicationSlot(options.SlotName, temporarySlot: false,
                LogicalSlotSnapshotInitMode.NoExport, cancellationToken: ct));
            _lsn = (ulong)created.ConsistentPoint;
        }

        _queue = Channel.CreateBounded<CdcEvent>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, SingleWriter = true });
        var start = _lsn;
        var replicationConnection = _replication;
        _receiver = Task.Run(() => ReceiveAsync(replicationConnection, slot, start, _queue.Writer, _cancel.Token));
    }

    private void ReadSnapshot(string snapshotName, ISourceOutput output)
    {
        using var connection = new NpgsqlConnection(options.ConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.RepeatableRead);
        using (var set = new NpgsqlCommand("SET TRANSACTION SNAPSHOT " + Sink.PostgresSinkWriter.Literal(snapshotName), connection, transaction))
        {
            set.ExecuteNonQuery();
        }

        var schema = options.Schema;
        using var command = new NpgsqlCommand(
            "SELECT " + string.Join(", ", schema.Fields.Select(f => TableName.Quote(f.Name))) + " FROM " + options.Table.Quoted, connection, transaction);
        using var reader = command.ExecuteReader();
        var builder = new RecordBatchBuilder(schema, options.SnapshotBatchSize);
        try
        {
            while (reader.Read())
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    builder.Append(c, PostgresTypes.Read(reader, c, schema[c].DataType, PostgresCdcOptions.Connector));
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

    private async Task ReceiveAsync(LogicalReplicationConnection replication, PgOutputReplicationSlot slot, ulong start,
        ChannelWriter<CdcEvent> queue, CancellationToken cancel)
    {
        try
        {
            var replicationOptions = new PgOutputReplicationOptions(options.PublicationName, PgOutputProtocolVersion.V1);
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
