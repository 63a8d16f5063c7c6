using System.Text;
using Npgsql;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Scan;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Postgres.Lookup;

/// <summary>
/// Looks rows of a PostgreSQL table up by key: one query per key batch for the keys not in the cache
/// (<c>WHERE (k1, k2) IN (($1, $2), ...)</c>), reconnecting and retrying on transient failures.
/// </summary>
/// <remarks><b>Threading.</b> Called on the task thread only.</remarks>
internal sealed class PostgresLookupFunction(PostgresScanOptions table, IReadOnlyList<int> keyColumns, PostgresLookupOptions options) : ILookupFunction
{
    private const int MaxParameters = 30000;
    private NpgsqlConnection? _connection;
    private string[]? _serverTypes;
    private LookupCache? _cache;
    private TimeProvider _clock = TimeProvider.System;

    /// <summary>Queries sent to the server (for tests and metrics).</summary>
    public int QueryCount { get; private set; }

    public void Open(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
        if (options.CacheEnabled)
        {
            _cache = new LookupCache(options.MaxRows, options.ExpireAfterWrite, options.ExpireAfterAccess, options.CacheMissingKeys, clock);
        }

        PostgresErrors.Retry(Connection, options.MaxRetries, clock, Reset, table.Connector, $"connecting to look up {table.Table.Quoted}");
    }

    public LookupResult Lookup(RecordBatch keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var probes = new RowKey[keys.RowCount];
        var found = new Dictionary<RowKey, IReadOnlyList<object?[]>>();
        var missing = new List<RowKey>();
        for (var r = 0; r < keys.RowCount; r++)
        {
            var physical = keys.PhysicalRow(r);
            var values = new object?[keyColumns.Count];
            for (var k = 0; k < values.Length; k++)
            {
                var column = keys.Column(k);
                // A DECIMAL key beyond System.Decimal's 28 digits stays exact (as the rows read back are).
                values[k] = column is PrimitiveVector<Int128> wide && !column.IsNull(physical)
                    ? ExactDecimal.FromUnscaled(wide[physical], column.DataType)
                    : Canonical(column.GetValue(physical));
            }

            var key = new RowKey(values);
            probes[r] = key;
            if (found.ContainsKey(key) || missing.Contains(key))
            {
                continue;
            }

            if (_cache is not null && _cache.TryGet(key, out var cached))
            {
                found[key] = cached;
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            var fetched = PostgresErrors.Retry(() => Query(missing), options.MaxRetries, _clock, Reset, table.Connector,
                $"looking up {missing.Count} key(s) in {table.Table.Quoted}");
            foreach (var key in missing)
            {
                var rows = fetched.TryGetValue(key, out var list) ? (IReadOnlyList<object?[]>)list : [];
                found[key] = rows;
                _cache?.Put(key, rows);
            }
        }

        var schema = table.Schema;
        using var builder = new RecordBatchBuilder(schema, Math.Max(1, keys.RowCount));
        var keyRows = new List<int>();
        for (var r = 0; r < probes.Length; r++)
        {
            foreach (var row in found[probes[r]])
            {
                for (var c = 0; c < schema.Count; c++)
                {
                    PostgresTypes.Append(builder, c, row[c]);
                }

                builder.AppendRowKind(RowKind.Insert);
                keyRows.Add(r);
            }
        }

        return new LookupResult(builder.Build(), [.. keyRows]);
    }

    public void Dispose() => Reset();

    private Dictionary<RowKey, List<object?[]>> Query(List<RowKey> keys)
    {
        var connection = Connection();
        var schema = table.Schema;
        var result = new Dictionary<RowKey, List<object?[]>>();
        var perQuery = Math.Max(1, MaxParameters / keyColumns.Count);
        var columns = PostgresTypes.SelectList(schema);
        var keyList = "(" + string.Join(", ", keyColumns.Select(k => TableName.Quote(schema[k].Name))) + ")";
        for (var start = 0; start < keys.Count; start += perQuery)
        {
            using var command = new NpgsqlCommand { Connection = connection };
            var sql = new StringBuilder("SELECT ").Append(columns).Append(" FROM ").Append(table.Table.Quoted)
                .Append(" WHERE ").Append(keyList).Append(" IN (");
            var count = Math.Min(perQuery, keys.Count - start);
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var values = keys[start + r].Values;
                for (var k = 0; k < keyColumns.Count; k++)
                {
                    var column = keyColumns[k];
                    var udt = _serverTypes![column];
                    sql.Append(k == 0 ? "" : ", ").Append(PostgresTypes.AddParameter(command.Parameters, values[k], schema[column].DataType, udt));
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(')').ToString();
            QueryCount++;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new object?[schema.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = PostgresTypes.Read(reader, c, schema[c].DataType, table.Connector);
                }

                var key = new RowKey([.. keyColumns.Select(k => Canonical(row[k]))]);
                if (!result.TryGetValue(key, out var list))
                {
                    result[key] = list = [];
                }

                list.Add(row);
            }
        }

        return result;
    }

    /// <summary>Integers compare as 64-bit values, so that an INT probe finds a BIGINT key.</summary>
    private static object? Canonical(object? value) => value switch
    {
        sbyte or short or int => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float f => (double)f,
        _ => value,
    };

    private NpgsqlConnection Connection()
    {
        if (_connection is { State: System.Data.ConnectionState.Open })
        {
            return _connection;
        }

        Reset();
        var connection = new NpgsqlConnection(table.ConnectionString);
        connection.Open();
        _connection = connection;
        if (_serverTypes is null)
        {
            var info = PostgresTableInfo.Load(connection, table.Table, table.Connector);
            _serverTypes = info.Check(table.Schema, forWriting: false, table.Connector);
            foreach (var k in keyColumns)
            {
                if (k < 0 || k >= table.Schema.Count)
                {
                    throw new ConnectorException(table.Connector, $"lookup key column index {k} is out of range.", ErrorDomain.Internal, RetryHint.None);
                }
            }
        }

        return connection;
    }

    private void Reset()
    {
        _connection?.Dispose();
        _connection = null;
    }
}
