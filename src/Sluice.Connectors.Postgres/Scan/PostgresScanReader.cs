using System.Text;
using Npgsql;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Batches;

namespace Sluice.Connectors.Postgres.Scan;

/// <summary>
/// Reads the scan splits of one subtask: each poll runs one keyset query (<c>WHERE key &gt; last ORDER BY key
/// LIMIT fetch-size</c>) and emits its rows as one batch, so the position after every batch is exact.
/// </summary>
/// <remarks><b>Threading.</b> Called on the source task's thread only.</remarks>
internal sealed class PostgresScanReader(PostgresScanOptions options, TimeProvider time) : ISourceReader<PostgresScanSplit>
{
    private readonly Queue<PostgresScanSplit> _splits = new();
    private PostgresScanSplit? _current;
    private NpgsqlConnection? _connection;
    private string[]? _serverTypes;

    public void AddSplits(IReadOnlyList<PostgresScanSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var split in splits)
        {
            _splits.Enqueue(split);
        }
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_current is null && !_splits.TryDequeue(out _current))
        {
            return InputStatus.EndOfInput;
        }

        var split = _current;
        var (batch, lastKey) = PostgresErrors.Retry(() => Fetch(split), options.MaxRetries, time, Reset, options.Connector,
            $"reading split {split.SplitId} of {options.Table.Quoted}");
        var rows = batch.RowCount;
        if (rows > 0)
        {
            output.Emit(split.SplitId, batch);
            _current = split with { LastKey = lastKey };
        }
        else
        {
            batch.Dispose();
        }

        if (rows < options.FetchSize)
        {
            output.SplitFinished(split.SplitId);
            _current = null;
        }

        return _current is null && _splits.Count == 0 ? InputStatus.EndOfInput : InputStatus.MoreAvailable;
    }

    public IReadOnlyList<PostgresScanSplit> SnapshotState(long checkpointId) =>
        _current is null ? [.. _splits] : [_current, .. _splits];

    public void Dispose() => Reset();

    private (RecordBatch Batch, object?[]? LastKey) Fetch(PostgresScanSplit split)
    {
        var connection = Connection();
        var schema = options.Schema;
        var keys = options.KeyColumns;
        var byCtid = keys.Count == 0;
        var sql = new StringBuilder("SELECT ").Append(PostgresTypes.SelectList(schema, options.Selects));
        if (byCtid)
        {
            sql.Append(", ctid::text AS sluice_position");
        }

        sql.Append(" FROM ").Append(options.Table.Quoted);
        using var command = new NpgsqlCommand { Connection = connection };
        var conditions = new List<string>();
        if (options.PartitionColumn is { } partition)
        {
            var column = TableName.Quote(partition);
            if (split.Lower is { } lower && split.Upper is { } upper)
            {
                conditions.Add($"{column} >= {Add(command, lower)} AND {column} < {Add(command, upper)}");
            }
            else if (split.Upper is { } onlyUpper)
            {
                conditions.Add($"({column} < {Add(command, onlyUpper)} OR {column} IS NULL)");
            }
            else if (split.Lower is { } onlyLower)
            {
                conditions.Add($"{column} >= {Add(command, onlyLower)}");
            }
        }

        string order;
        if (byCtid)
        {
            order = "ctid";
            if (split.LastKey is { } last)
            {
                conditions.Add($"ctid > {Add(command, last[0]!)}::tid");
            }
        }
        else
        {
            order = string.Join(", ", keys.Select(k => TableName.Quote(schema[k].Name)));
            if (split.LastKey is { } last)
            {
                var parameters = keys.Select((k, i) => PostgresTypes.AddParameter(command.Parameters, last[i], schema[k].DataType, _serverTypes![k])).ToList();
                conditions.Add($"({order}) > ({string.Join(", ", parameters)})");
            }
        }

        if (conditions.Count > 0)
        {
            sql.Append(" WHERE ").Append(string.Join(" AND ", conditions));
        }

        sql.Append(" ORDER BY ").Append(order).Append(" LIMIT ").Append(options.FetchSize);
        command.CommandText = sql.ToString();

        using var builder = new RecordBatchBuilder(schema, Math.Min(options.FetchSize, 4096));
        object?[]? lastKey = null;
        var values = new object?[schema.Count];
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    values[c] = PostgresTypes.Read(reader, c, schema[c].DataType, options.Connector);
                    PostgresTypes.Append(builder, c, values[c]);
                }

                builder.AppendRowKind(RowKind.Insert);
                lastKey = byCtid ? [reader.GetString(schema.Count)] : [.. keys.Select(k => values[k])];
            }
        }

        return (builder.Build(), lastKey);
    }

    /// <summary>Adds a bound of the partition column as a parameter of the type Npgsql infers (<c>int8</c>, <c>numeric</c>,
    /// <c>float8</c>, <c>date</c>, <c>timestamp</c>, <c>timestamptz</c>), which the server compares with any column of its kind.</summary>
    private static string Add(NpgsqlCommand command, object value)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = value is DateTimeOffset instant ? instant.UtcDateTime : value });
        return "$" + command.Parameters.Count;
    }

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        Reset();
        var connection = new NpgsqlConnection(options.ConnectionString);
        connection.Open();
        _connection = connection;
        if (_serverTypes is null)
        {
            var info = PostgresTableInfo.Load(connection, options.Table, options.Connector);
            _serverTypes = info.Check(options.Schema, forWriting: false, options.Connector);
        }

        return connection;
    }

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
