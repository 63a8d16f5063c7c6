using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Builtin;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Postgres.Tests.Support;

/// <summary>Creates table sources and sinks through a registry, as the SQL layer does.</summary>
public static class TestTables
{
    public static ConnectorRegistry Registry() => new ConnectorRegistry().AddBuiltinConnectors().AddPostgresConnectors();

    public static TableContext Context(Schema schema, IReadOnlyDictionary<string, string> options, params string[] primaryKey) =>
        new("t", schema, options) { PrimaryKey = primaryKey };

    public static Dictionary<string, string> PostgresOptions(PostgresServer server, string database, string table, params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres",
            ["url"] = server.JdbcUrl(database),
            ["table-name"] = table,
            ["username"] = "postgres",
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }

    /// <summary>The options of a <c>postgres-cdc</c> table on the test server, with <paramref name="extra"/> options on top.</summary>
    public static Dictionary<string, string> CdcOptions(PostgresServer server, string database, string table, string slot, params (string Key, string Value)[] extra)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["connector"] = "postgres-cdc",
            ["hostname"] = "127.0.0.1",
            ["port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["username"] = "postgres",
            ["password"] = "unused",
            ["database-name"] = database,
            ["table-name"] = table,
            ["slot.name"] = slot,
        };
        foreach (var (key, value) in extra)
        {
            options[key] = value;
        }

        return options;
    }
}
