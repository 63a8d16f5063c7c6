using Npgsql;
using Sluice.Connectors.Abstractions.Catalogs;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Catalog;

/// <summary>
/// A PostgreSQL server as a read-only catalog (Flink's JDBC catalog for PostgreSQL): its databases (not the templates)
/// are the catalog's databases, and the tables, views and materialized views of a database's schemas (not the system
/// schemas) its tables, named <c>schema.table</c>; a name without a schema means the <c>public</c> schema, so
/// <c>cat.db.orders</c> and <c>cat.db.`public.orders`</c> are the same table. Each table comes with the <c>jdbc</c>
/// connector's options (<c>url</c>, <c>table-name</c>, <c>username</c>, <c>password</c>), its columns typed by
/// <see cref="PostgresCatalogTypes"/>, <c>NOT NULL</c> as declared, and its primary key. Metadata is read from the
/// server on every request (one short connection from Npgsql's pool; looking a table up is one connection and two
/// queries), so tables created there are seen at once.
/// </summary>
internal sealed class PostgresCatalog : IExternalCatalog
{
    private const string Connector = "jdbc";
    private const string PublicSchema = "public";

    private const string ColumnsQuery =
        "SELECT n.nspname, c.relname, a.attname, t.typname, a.atttypmod, a.attnotnull, obj_description(c.oid, 'pg_class') " +
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped " +
        "JOIN pg_type t ON t.oid = a.atttypid " +
        "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' " +
        "AND NOT (SELECT datistemplate FROM pg_database WHERE datname = current_database()) ";

    private const string KeysQuery =
        "SELECT n.nspname, c.relname, con.conname, a.attname " +
        "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace " +
        "CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord) " +
        "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum " +
        "WHERE con.contype = 'p' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%' ";

    private readonly string _catalogName;
    private readonly string _baseUrl;
    private readonly string _urlParameters;
    private readonly NpgsqlConnectionStringBuilder _server;
    private readonly string _username;
    private readonly string? _password;

    /// <summary>Creates the catalog; <see cref="PostgresCatalogFactory"/> has checked the options.</summary>
    /// <param name="catalogName">The catalog's name, for messages.</param>
    /// <param name="baseUrl">The <c>'base-url'</c> (its query parameters are kept in the tables' URLs).</param>
    /// <param name="server">The connection settings parsed from it.</param>
    /// <param name="defaultDatabase">The <c>'default-database'</c>.</param>
    /// <param name="username">The <c>'username'</c>.</param>
    /// <param name="password">The <c>'password'</c>, or null.</param>
    public PostgresCatalog(string catalogName, string baseUrl, NpgsqlConnectionStringBuilder server, string defaultDatabase, string username, string? password)
    {
        _catalogName = catalogName;
        var query = baseUrl.IndexOf('?', StringComparison.Ordinal);
        _baseUrl = (query < 0 ? baseUrl : baseUrl[..query]).TrimEnd('/');
        _urlParameters = query < 0 ? "" : baseUrl[query..];
        _server = server;
        DefaultDatabase = defaultDatabase;
        _username = username;
        _password = password;
    }

    /// <inheritdoc />
    public string DefaultDatabase { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> ListDatabases() => Query(DefaultDatabase, "listing the databases", connection =>
    {
        using var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY datname", connection);
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    });

    /// <inheritdoc />
    public bool DatabaseExists(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Query(DefaultDatabase, $"looking up database '{database}'", connection =>
        {
            using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE NOT datistemplate AND datname = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = database });
            return command.ExecuteScalar() is not null;
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<ExternalTable> ListTables(string database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var tables = new List<ExternalTable>();
        foreach (var description in Describe(database, null))
        {
            if (description.Unsupported is null)
            {
                tables.Add(description.ToTable(description.SchemaName + "." + description.TableName, this, database));
            }
        }

        return [.. tables.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    /// <inheritdoc />
    public ExternalTable? FindTable(string database, string name)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var (schema, table) = dot < 0 ? (PublicSchema, name) : (name[..dot], name[(dot + 1)..]);
        TableDescription? found;
        try
        {
            // One connection to the table's database; a database that does not exist refuses it with SQLSTATE 3D000, and
            // a template database (not a catalog database, as in ListDatabases) describes no tables.
            found = Describe(database, (schema, table)).FirstOrDefault();
        }
        catch (ConnectorException e) when (IsMissingDatabase(e))
        {
            return null;
        }

        if (found is null)
        {
            return null;
        }

        if (found.Unsupported is { } column)
        {
            throw new ConnectorException(Connector,
                $"table '{name}' of catalog '{_catalogName}', database '{database}': column '{column.Name}' has the PostgreSQL type " +
                $"'{column.TypeName}', which has no SQL type in a JDBC catalog (declare the table with CREATE TEMPORARY TABLE and a " +
                "STRING or other column, or leave the column out of a view in PostgreSQL).",
                ErrorDomain.User, RetryHint.None);
        }

        return found.ToTable(name, this, database);
    }

    /// <summary>True when <paramref name="error"/> is the server refusing a connection to a database it does not have (SQLSTATE 3D000).</summary>
    internal static bool IsMissingDatabase(ConnectorException error) =>
        error.InnerException is PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName };

    /// <inheritdoc />
    public void Dispose()
    {
        // Connections are opened per request and returned to Npgsql's pool; nothing is held.
    }

    /// <summary>Runs <paramref name="body"/> on a connection to <paramref name="database"/>; failures say what was being done.</summary>
    private T Query<T>(string database, string what, Func<NpgsqlConnection, T> body)
    {
        var builder = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Database = database, Username = _username };
        if (_password is not null)
        {
            builder.Password = _password;
        }

        builder.ApplicationName ??= "sluice catalog " + _catalogName;
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            return body(connection);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException)
        {
            throw PostgresErrors.Wrap(Connector, $"Catalog '{_catalogName}': {what} in database '{database}'", e);
        }
    }

    /// <summary>The tables of <paramref name="database"/> (or the one <paramref name="only"/> names) with their columns and keys.</summary>
    private List<TableDescription> Describe(string database, (string Schema, string Table)? only) =>
        Query(database, only is { } name ? $"describing table '{name.Schema}.{name.Table}'" : "listing the tables", connection => Describe(connection, only));

    private static List<TableDescription> Describe(NpgsqlConnection connection, (string Schema, string Table)? only)
    {
        var tables = new Dictionary<(string, string), TableDescription>();
        var filter = only is null ? "" : "AND n.nspname = $1 AND c.relname = $2 ";
        using (var command = new NpgsqlCommand(ColumnsQuery + filter + "ORDER BY n.nspname, c.relname, a.attnum", connection))
        {
            AddFilter(command, only);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!tables.TryGetValue(key, out var table))
                {
                    table = new TableDescription(key.Item1, key.Item2, reader.IsDBNull(6) ? null : reader.GetString(6));
                    tables.Add(key, table);
                }

                var typeName = reader.GetString(3);
                var type = PostgresCatalogTypes.Map(typeName, reader.GetInt32(4), reader.GetBoolean(5));
                if (type is null)
                {
                    table.Unsupported ??= (reader.GetString(2), typeName);
                }
                else
                {
                    table.Fields.Add(new Field(reader.GetString(2), type));
                }
            }
        }

        if (tables.Count > 0)
        {
            using var command = new NpgsqlCommand(KeysQuery + filter + "ORDER BY n.nspname, c.relname, k.ord", connection);
            AddFilter(command, only);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (tables.TryGetValue((reader.GetString(0), reader.GetString(1)), out var table))
                {
                    table.KeyName = reader.GetString(2);
                    table.Key.Add(reader.GetString(3));
                }
            }
        }

        return [.. tables.Values];
    }

    private static void AddFilter(NpgsqlCommand command, (string Schema, string Table)? only)
    {
        if (only is { } name)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = name.Schema });
            command.Parameters.Add(new NpgsqlParameter { Value = name.Table });
        }
    }

    private Dictionary<string, string> TableOptions(string database, string schema, string table)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = Connector,
            ["url"] = _baseUrl + "/" + database + _urlParameters,
            ["table-name"] = QuoteIfNeeded(schema) + "." + QuoteIfNeeded(table),
            ["username"] = _username,
        };
        if (_password is not null)
        {
            options["password"] = _password;
        }

        return options;
    }

    /// <summary>A name part as the connector's <c>table-name</c> takes it: as is when it is plain, else quoted.</summary>
    private static string QuoteIfNeeded(string part) =>
        part.Length > 0 && part.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') && !char.IsAsciiDigit(part[0])
            ? part
            : TableName.Quote(part);

    private sealed class TableDescription(string schemaName, string tableName, string? comment)
    {
        public string SchemaName => schemaName;

        public string TableName => tableName;

        public List<Field> Fields { get; } = [];

        public List<string> Key { get; } = [];

        public string? KeyName { get; set; }

        public (string Name, string TypeName)? Unsupported { get; set; }

        public ExternalTable ToTable(string name, PostgresCatalog catalog, string database) =>
            new(name, new Schema(Fields), Key, catalog.TableOptions(database, schemaName, tableName))
            {
                PrimaryKeyName = KeyName,
                Comment = comment,
            };
    }
}
