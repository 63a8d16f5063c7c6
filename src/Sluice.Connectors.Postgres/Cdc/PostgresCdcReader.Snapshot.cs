using Npgsql;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Batches;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The initial snapshot of <see cref="PostgresCdcReader"/>: the chunk key, the chunks read one per poll (by a unique key
/// with <c>LIMIT</c>, or by a non-unique chunk key up to the value of the chunk's last row), the snapshot read within one
/// poll without a key, and the skipping of streamed changes that a chunk already shows.
/// </summary>
internal sealed partial class PostgresCdcReader
{
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

    /// <summary>True when column <paramref name="column"/> is selected and decoded: the job reads it, or it is a chunk key column.</summary>
    private bool Selects(int column) => options.Reads is null || options.Reads.IsRead(column) || (_keyColumns?.Contains(column) ?? false);

    /// <summary>
    /// The columns the snapshot is chunked by: 'scan.incremental.snapshot.chunk.key-column' (unique only when it is the whole
    /// primary key), else the primary key when its types are ordered, else none (the snapshot is read within one poll).
    /// </summary>
    private void ChooseChunkKey(PostgresTableInfo info)
    {
        if (options.ChunkKeyColumn is not { } name)
        {
            _keyColumns = SnapshotKeys.Of(options.Schema, info.PrimaryKey, _serverTypes!);
            _uniqueKey = true;
            return;
        }

        var index = options.Schema.IndexOf(name);
        var field = options.Schema[index];
        if (!SnapshotKeys.IsOrdered(field.DataType, _serverTypes![index]))
        {
            throw new ConnectorException(PostgresCdcOptions.Connector,
                $"the column \"{name}\" ({field.DataType}, {_serverTypes[index]} in PostgreSQL) chosen by 'scan.incremental.snapshot.chunk.key-column' cannot order " +
                "the snapshot's chunks; choose a column of an integer, numeric (up to 28 digits), boolean, date, timestamp or text type.",
                ErrorDomain.User, RetryHint.None);
        }

        _keyColumns = [index];
        _uniqueKey = info.PrimaryKey.Count == 1 && info.PrimaryKey[0] == name;
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
        var keyExpressions = keys.Select(k => TableName.Quote(schema[k].Name) + (SnapshotKeys.IsText(_serverTypes![k]) ? " COLLATE \"C\"" : "")).ToList();
        var order = string.Join(", ", keyExpressions);
        var above = new List<string>(); // the keys above the last chunk
        if (snapshot.LastKey is { } last)
        {
            var parameters = new List<string>();
            for (var i = 0; i < keys.Length; i++)
            {
                var k = keys[i];
                parameters.Add(PostgresTypes.AddParameter(command.Parameters, last[i], schema[k].DataType, _serverTypes![k]));
            }

            above.Add($"({order}) > ({string.Join(", ", parameters)})");
        }

        var sql = new System.Text.StringBuilder("SELECT ").Append(PostgresTypes.SelectList(schema, Selects))
            .Append(" FROM ").Append(options.Table.Quoted);
        object?[]? boundary = null;
        if (_uniqueKey)
        {
            if (above.Count > 0)
            {
                sql.Append(" WHERE ").Append(above[0]);
            }

            sql.Append(" ORDER BY ").Append(order).Append(" LIMIT ").Append(options.ChunkSize);
        }
        else
        {
            // Equal values of a non-unique chunk key must stay in one chunk: the chunk ends at the value of its chunk-size-th
            // row and takes every row up to it; the first chunk takes the rows whose key is NULL too (NULL sorts first).
            boundary = ChunkBoundary(snapshot, keyExpressions[0]);
            var conditions = new List<string>(above);
            if (boundary is not null)
            {
                var k = keys[0];
                var upper = PostgresTypes.AddParameter(command.Parameters, boundary[0], schema[k].DataType, _serverTypes![k]);
                conditions.Add(snapshot.LastKey is null ? $"({keyExpressions[0]} <= {upper} OR {keyExpressions[0]} IS NULL)" : $"{keyExpressions[0]} <= {upper}");
            }

            if (conditions.Count > 0)
            {
                sql.Append(" WHERE ").Append(string.Join(" AND ", conditions));
            }
        }

        command.CommandText = sql.ToString();

        var (rows, lastKey) = EmitSnapshotRows(command, output);

        var done = _uniqueKey ? rows < options.ChunkSize : boundary is null;
        if (!_uniqueKey)
        {
            lastKey = boundary;
        }

        if (rows > 0 || done || lastKey is not null)
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

    /// <summary>
    /// The chunk key value of the <c>chunk-size</c>-th row above the last chunk (NULLs excluded), or null when fewer rows
    /// are left: the next chunk of a non-unique chunk key ends there.
    /// </summary>
    private object?[]? ChunkBoundary(SnapshotRead snapshot, string keyExpression)
    {
        var k = _keyColumns![0];
        var schema = options.Schema;
        using var command = new NpgsqlCommand { Connection = snapshot.Connection, Transaction = snapshot.Transaction };
        var column = TableName.Quote(schema[k].Name);
        var sql = new System.Text.StringBuilder("SELECT ")
            .Append(schema[k].DataType.TypeId == Core.Types.TypeId.Decimal ? column + "::text" : column)
            .Append(" FROM ").Append(options.Table.Quoted).Append(" WHERE ").Append(column).Append(" IS NOT NULL");
        if (snapshot.LastKey is { } last)
        {
            sql.Append(" AND ").Append(keyExpression).Append(" > ")
                .Append(PostgresTypes.AddParameter(command.Parameters, last[0], schema[k].DataType, _serverTypes![k]));
        }

        sql.Append(" ORDER BY ").Append(keyExpression).Append(" OFFSET ").Append(options.ChunkSize - 1).Append(" LIMIT 1");
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        return reader.Read() ? [PostgresTypes.Read(reader, 0, schema[k].DataType, PostgresCdcOptions.Connector)] : null;
    }

    /// <summary>Reads the whole snapshot within one poll (a table without a primary key the snapshot can be chunked by).</summary>
    private void ReadWholeSnapshot(string snapshotName, ISourceOutput output)
    {
        using var snapshot = SnapshotRead.Begin(options.ConnectionString, snapshotName, _lsn, null);
        var schema = options.Schema;
        using var command = new NpgsqlCommand(
            "SELECT " + PostgresTypes.SelectList(schema, Selects) + " FROM " + options.Table.Quoted,
            snapshot.Connection, snapshot.Transaction);
        EmitSnapshotRows(command, output);
    }

    /// <summary>
    /// Runs a query of the snapshot (its columns in schema order) and emits its rows in batches of
    /// <c>scan.snapshot.fetch.size</c>; returns how many there were and the chunk key of the last one (null without a chunk key).
    /// </summary>
    private (int Rows, object?[]? LastKey) EmitSnapshotRows(NpgsqlCommand command, ISourceOutput output)
    {
        var schema = options.Schema;
        var rows = 0;
        object?[]? lastKey = null;
        var values = new object?[schema.Count];
        var builder = new RecordBatchBuilder(schema, options.SnapshotBatchSize);
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
                lastKey = _keyColumns is { } keys ? SnapshotKeys.KeyOf(values, keys) : null;
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

        return (rows, lastKey);
    }
}
