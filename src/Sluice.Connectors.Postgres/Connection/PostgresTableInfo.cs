using Npgsql;
using Sluice.Connectors.Postgres.Types;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Connection;

/// <summary>What the server says about a table: its columns with their types, its primary key and its replica identity.</summary>
/// <param name="Table">The table.</param>
/// <param name="Columns">Column name → <c>pg_type.typname</c>, in column order.</param>
/// <param name="PrimaryKey">The primary key's columns (empty when there is none).</param>
/// <param name="ReplicaIdentity">pg_class.relreplident: <c>d</c> default, <c>f</c> full, <c>n</c> nothing, <c>i</c> index.</param>
internal sealed record PostgresTableInfo(TableName Table, IReadOnlyDictionary<string, string> Columns, IReadOnlyList<string> PrimaryKey,
    char ReplicaIdentity)
{
    /// <summary>Loads the description of <paramref name="table"/>.</summary>
    /// <exception cref="ConnectorException">The table does not exist.</exception>
    public static PostgresTableInfo Load(NpgsqlConnection connection, TableName table, string connector)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(table);
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        var identity = 'd';
        using (var command = new NpgsqlCommand(
            "SELECT a.attname, t.typname, c.relreplident FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid " +
            "JOIN pg_type t ON t.oid = a.atttypid WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped " +
            "ORDER BY a.attnum", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table.Quoted });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                columns[reader.GetString(0)] = reader.GetString(1);
                identity = reader.GetChar(2);
            }
        }

        if (columns.Count == 0)
        {
            throw new ConnectorException(connector,
                $"the table {table.Quoted} does not exist in database '{connection.Database}' (or has no columns, or the user may not see it).",
                ErrorDomain.User, RetryHint.None);
        }

        var key = new List<string>();
        using (var command = new NpgsqlCommand(
            "SELECT a.attname FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) " +
            "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum " +
            "WHERE i.indrelid = to_regclass($1) AND i.indisprimary ORDER BY k.n", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = table.Quoted });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                key.Add(reader.GetString(0));
            }
        }

        return new PostgresTableInfo(table, columns, key, identity);
    }

    /// <summary>
    /// Checks that every column of <paramref name="schema"/> exists in the table with a compatible type.
    /// </summary>
    /// <returns>The server type of each column of <paramref name="schema"/>, in schema order.</returns>
    /// <exception cref="ConnectorException">A column is missing or has an incompatible type; the message names it.</exception>
    public string[] Check(Schema schema, bool forWriting, string connector)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var types = new string[schema.Count];
        for (var i = 0; i < schema.Count; i++)
        {
            var field = schema[i];
            if (!Columns.TryGetValue(field.Name, out var udt))
            {
                throw new ConnectorException(connector,
                    $"the table {Table.Quoted} has no column \"{field.Name}\" (it has: {string.Join(", ", Columns.Keys)}).",
                    ErrorDomain.User, RetryHint.None);
            }

            if (!PostgresTypes.IsCompatible(field.DataType, udt, forWriting))
            {
                throw new ConnectorException(connector,
                    $"the column \"{field.Name}\" of {Table.Quoted} has the PostgreSQL type '{udt}', which cannot be " +
                    $"{(forWriting ? "written from" : "read as")} {field.DataType} (use {PostgresTypes.SuggestedType(field.DataType)}).",
                    ErrorDomain.User, RetryHint.None);
            }

            types[i] = udt;
        }

        return types;
    }
}
