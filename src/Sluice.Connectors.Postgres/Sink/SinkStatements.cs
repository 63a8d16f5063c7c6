using System.Text;
using Npgsql;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;

namespace Sluice.Connectors.Postgres.Sink;

/// <summary>Builds the multi-row statements of a flush: inserts or upserts, and deletes by key.</summary>
internal sealed class SinkStatements
{
    private const int MaxParameters = 30000;
    private readonly PostgresSinkOptions _options;
    private readonly string[] _serverTypes;
    private readonly string _columnList;
    private readonly string _conflict;

    public SinkStatements(PostgresSinkOptions options, string[] serverTypes)
    {
        _options = options;
        _serverTypes = serverTypes;
        var schema = options.Schema;
        _columnList = string.Join(", ", schema.Fields.Select(f => TableName.Quote(f.Name)));
        if (options.IsUpsert)
        {
            var keys = string.Join(", ", options.PrimaryKey.Select(k => TableName.Quote(schema[k].Name)));
            var updates = Enumerable.Range(0, schema.Count).Where(i => !options.PrimaryKey.Contains(i))
                .Select(i => $"{TableName.Quote(schema[i].Name)} = EXCLUDED.{TableName.Quote(schema[i].Name)}").ToList();
            _conflict = updates.Count == 0 ? $" ON CONFLICT ({keys}) DO NOTHING" : $" ON CONFLICT ({keys}) DO UPDATE SET {string.Join(", ", updates)}";
        }
        else
        {
            _conflict = "";
        }
    }

    /// <summary>Adds the statements writing <paramref name="rows"/> (whole rows; upserts when the sink has a key) to <paramref name="batch"/>.</summary>
    public void AddUpserts(NpgsqlBatch batch, IReadOnlyList<object?[]> rows) => AddInserts(batch, rows, _conflict);

    /// <summary>
    /// Adds plain <c>INSERT</c> statements of <paramref name="rows"/> to <paramref name="batch"/>: for the appended rows that
    /// <see cref="Copy"/> cannot write (<see cref="NeedsStatement"/>).
    /// </summary>
    public void AddAppends(NpgsqlBatch batch, IReadOnlyList<object?[]> rows) => AddInserts(batch, rows, "");

    /// <summary>
    /// True when <paramref name="row"/> holds a <c>DECIMAL</c> value beyond <see cref="decimal"/>'s 28 digits, which the binary
    /// <c>COPY</c> cannot carry (Npgsql writes numerics from <see cref="decimal"/>s): such rows are appended by <see cref="AddAppends"/>,
    /// whose parameters carry them exactly as text.
    /// </summary>
    public static bool NeedsStatement(object?[] row) => Array.Exists(row, v => v is UnscaledDecimal);

    private void AddInserts(NpgsqlBatch batch, IReadOnlyList<object?[]> rows, string conflict)
    {
        var columns = _options.Schema.Count;
        var perStatement = Math.Max(1, MaxParameters / Math.Max(1, columns));
        for (var start = 0; start < rows.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, rows.Count - start);
            var command = new NpgsqlBatchCommand();
            var sql = new StringBuilder("INSERT INTO ").Append(_options.Table.Quoted).Append(" (").Append(_columnList).Append(") VALUES ");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                var row = rows[start + r];
                for (var c = 0; c < columns; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append(Parameter(command, row[c], c));
                }

                sql.Append(')');
            }

            sql.Append(conflict);
            command.CommandText = sql.ToString();
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>Appends <paramref name="rows"/> with a binary <c>COPY ... FROM STDIN</c> (the fastest way to insert).</summary>
    public void Copy(NpgsqlConnection connection, IReadOnlyList<object?[]> rows)
    {
        var schema = _options.Schema;
        using var importer = connection.BeginBinaryImport(
            $"COPY {_options.Table.Quoted} ({_columnList}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            importer.StartRow();
            for (var c = 0; c < row.Length; c++)
            {
                var value = PostgresTypes.ToParameter(row[c], schema[c].DataType, _serverTypes[c]);
                if (value is DBNull)
                {
                    importer.WriteNull();
                }
                else if (_serverTypes[c].StartsWith('_'))
                {
                    importer.Write(value);
                }
                else
                {
                    importer.Write(value, _serverTypes[c]);
                }
            }
        }

        importer.Complete();
    }

    /// <summary>Adds the statements deleting the rows whose primary key equals one of <paramref name="keys"/>.</summary>
    public void AddDeletes(NpgsqlBatch batch, IReadOnlyList<object?[]> keys)
    {
        var pk = _options.PrimaryKey;
        var keyList = "(" + string.Join(", ", pk.Select(k => TableName.Quote(_options.Schema[k].Name))) + ")";
        var perStatement = Math.Max(1, MaxParameters / pk.Count);
        for (var start = 0; start < keys.Count; start += perStatement)
        {
            var count = Math.Min(perStatement, keys.Count - start);
            var command = new NpgsqlBatchCommand();
            var sql = new StringBuilder("DELETE FROM ").Append(_options.Table.Quoted).Append(" WHERE ").Append(keyList).Append(" IN (");
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var k = 0; k < pk.Count; k++)
                {
                    sql.Append(k == 0 ? "" : ", ").Append(Parameter(command, keys[start + r][k], pk[k]));
                }

                sql.Append(')');
            }

            sql.Append(')');
            command.CommandText = sql.ToString();
            batch.BatchCommands.Add(command);
        }
    }

    private string Parameter(NpgsqlBatchCommand command, object? value, int column) =>
        PostgresTypes.AddParameter(command.Parameters, value, _options.Schema[column].DataType, _serverTypes[column]);
}
