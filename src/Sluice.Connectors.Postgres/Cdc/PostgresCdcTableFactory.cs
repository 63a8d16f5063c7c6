using Npgsql;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Types;

namespace Sluice.Connectors.Postgres.Cdc;

/// <summary>
/// The <c>postgres-cdc</c> table connector with Flink CDC's option names: an initial snapshot of the table, then its
/// changes through logical replication (pgoutput) as a changelog (<c>+I</c>, <c>-U</c>, <c>+U</c>, <c>-D</c>).
/// </summary>
public sealed class PostgresCdcTableFactory : ITableSourceFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "postgres-cdc";

    internal const string Hostname = "hostname";
    internal const string Port = "port";
    internal const string Username = "username";
    internal const string Password = "password";
    internal const string Database = "database-name";
    internal const string SchemaName = "schema-name";
    internal const string TableNameKey = "table-name";
    internal const string SlotName = "slot.name";
    internal const string Plugin = "decoding.plugin.name";
    internal const string StartupMode = "scan.startup.mode";
    internal const string Publication = "debezium.publication.name";
    internal const string FetchSize = "scan.snapshot.fetch.size";
    internal const string IncrementalSnapshot = "scan.incremental.snapshot.enabled";
    internal const string ChangelogModeKey = "changelog-mode";
    internal const string ChunkSize = "scan.incremental.snapshot.chunk.size";
    internal const string ChunkKeyColumn = "scan.incremental.snapshot.chunk.key-column";
    internal const string HeartbeatInterval = "heartbeat.interval";
    internal const string TruncateHandling = "truncate.handling";

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Reads a PostgreSQL table's snapshot and then its changes (logical replication with pgoutput) as a changelog. " +
        "Needs wal_level = logical and REPLICA IDENTITY FULL on the table.",
        [
            ConnectorOption.Required(Hostname, OptionType.String, "The server's host name or address."),
            ConnectorOption.Optional(Port, OptionType.Int, "The server's port.", "5432"),
            ConnectorOption.Required(Username, OptionType.String, "A user with the REPLICATION attribute (or superuser) who may read the table."),
            ConnectorOption.Required(Password, OptionType.String, "The user's password."),
            ConnectorOption.Required(Database, OptionType.String, "The database."),
            ConnectorOption.Optional(SchemaName, OptionType.String, "The table's schema.", "public"),
            ConnectorOption.Required(TableNameKey, OptionType.String, "The table."),
            ConnectorOption.Required(SlotName, OptionType.String,
                "The logical replication slot; created if missing (dropped and re-created for a fresh start with 'initial'). One per job and table."),
            ConnectorOption.Choice(Plugin, "The logical decoding plugin; only 'pgoutput' is supported.", "pgoutput", "pgoutput", "decoderbufs", "wal2json"),
            ConnectorOption.Choice(StartupMode,
                "'initial': read a snapshot of the table, then stream its changes; 'latest-offset': stream changes from now on.",
                "initial", "initial", "latest-offset"),
            ConnectorOption.Optional(Publication, OptionType.String,
                "The publication to stream; created for the table if missing (default '<slot.name>_publication')."),
            ConnectorOption.Optional(FetchSize, OptionType.Int, "Rows per batch of the initial snapshot.", "1024"),
            ConnectorOption.Optional(IncrementalSnapshot, OptionType.Boolean,
                "Accepted for compatibility: the snapshot is always read in chunks by 'scan.incremental.snapshot.chunk.key-column' or else by the primary key " +
                "when the table has a key of an ordered type (integers, numeric up to 28 digits, boolean, date, timestamps, text), and otherwise within one " +
                "poll (checkpoints wait until it is read).", "false"),
            ConnectorOption.Optional(ChunkSize, OptionType.Int,
                "Rows of the initial snapshot read per poll, in primary key order; checkpoints can happen between chunks.", "8096"),
            ConnectorOption.Optional(ChunkKeyColumn, OptionType.String,
                "The column the initial snapshot is read in chunks by, instead of the primary key: for tables without a primary key (or " +
                "with one of an unordered type). Its type must be ordered as above; its values need not be unique (a chunk holds every row of " +
                "each of its values, so many equal values make a chunk larger) and may be NULL (read with the first chunk). Without an index " +
                "on it, each chunk scans the table."),
            ConnectorOption.Optional(HeartbeatInterval, OptionType.Duration,
                "How often a stream without changes writes a heartbeat (a logical decoding message) into the WAL, so that the slot's " +
                "position advances on an idle table and the server can remove old WAL; '0' turns heartbeats off (there are none before PostgreSQL 14).", "30 s"),
            ConnectorOption.Choice(TruncateHandling,
                "Sluice extension: what a TRUNCATE of the table in the stream does. 'fail' fails the job with an error naming the table " +
                "(a changelog cannot express it); 'ignore' skips it, so the removed rows stay downstream (as Flink CDC does).",
                "fail", "fail", "ignore"),
            ConnectorOption.Choice(ChangelogModeKey, "Accepted for compatibility: the changelog always has every row kind.", "all", "all"),
            ConnectorOption.Optional("debezium.#", OptionType.String, "Other Debezium properties are accepted and ignored."),
            ConnectorOption.Optional("debezium.#.#", OptionType.String, "Other Debezium properties are accepted and ignored."),
            ConnectorOption.Optional("debezium.#.#.#", OptionType.String, "Other Debezium properties are accepted and ignored."),
            ConnectorOption.Optional("debezium.#.#.#.#", OptionType.String, "Other Debezium properties are accepted and ignored."),
        ]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(ConnectorDescriptor);
        var owner = ConnectorDescriptor.ToString();
        var plugin = options.GetOptionalChoice(Plugin) ?? "pgoutput";
        if (plugin != "pgoutput")
        {
            throw new TableOptionException($"Option '{Plugin}' of {owner} is '{plugin}': only 'pgoutput' is supported.", Plugin, owner);
        }

        if (context.MetadataColumns.Count > 0)
        {
            throw new TableOptionException(
                $"Column '{context.MetadataColumns.Keys.First()}' of table '{context.TableName}' is a METADATA column, which {owner} does not offer.", null, owner);
        }

        foreach (var field in context.Schema.Fields)
        {
            if (PostgresTypes.Unsupported(field.DataType) is not null)
            {
                throw new TableOptionException(
                    $"Column '{field.Name}' of table '{context.TableName}' has the type {field.DataType}, which {owner} cannot decode.", null, owner);
            }
        }

        var slot = options.GetString(SlotName);
        if (slot.Length == 0 || slot.Length > 63 || !slot.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
        {
            throw new TableOptionException(
                $"Invalid value '{slot}' for option '{SlotName}' of {owner}: slot names have 1 to 63 lower-case letters, digits and underscores.", SlotName, owner);
        }

        var port = options.GetOptionalInt32(Port) ?? 5432;
        if (port is <= 0 or > 65535)
        {
            throw new TableOptionException($"Invalid value '{port}' for option '{Port}' of {owner}: expected a port number.", Port, owner);
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = options.GetString(Hostname),
            Port = port,
            Username = options.GetString(Username),
            Password = options.GetString(Password),
            Database = options.GetString(Database),
            ApplicationName = "sluice " + context.TableName,
            // The replication stream sends values as text in the session's formats: fix them.
            Options = "-c DateStyle=ISO,MDY -c TimeZone=UTC -c bytea_output=hex -c extra_float_digits=3",
        };
        var fetch = options.GetOptionalInt32(FetchSize) ?? 1024;
        if (fetch <= 0)
        {
            throw new TableOptionException($"Option '{FetchSize}' of {owner} must be positive, not {fetch}.", FetchSize, owner);
        }

        var chunk = options.GetOptionalInt32(ChunkSize) ?? 8096;
        if (chunk <= 0)
        {
            throw new TableOptionException($"Option '{ChunkSize}' of {owner} must be positive, not {chunk}.", ChunkSize, owner);
        }

        var heartbeat = options.GetOptionalDuration(HeartbeatInterval) ?? TimeSpan.FromSeconds(30);
        if (heartbeat < TimeSpan.Zero)
        {
            throw new TableOptionException($"Option '{HeartbeatInterval}' of {owner} must not be negative, not {heartbeat}.", HeartbeatInterval, owner);
        }

        var chunkKey = options.GetOptionalString(ChunkKeyColumn);
        if (chunkKey is not null && context.Schema.Find(chunkKey) is null)
        {
            throw new TableOptionException(
                $"Option '{ChunkKeyColumn}' of {owner} names '{chunkKey}', which is not a column of table '{context.TableName}'.", ChunkKeyColumn, owner);
        }

        var source = new PostgresCdcSource(new PostgresCdcOptions
        {
            ConnectionString = builder.ConnectionString,
            Table = new TableName(options.GetOptionalString(SchemaName) ?? "public", options.GetString(TableNameKey)),
            Schema = context.Schema,
            SlotName = slot,
            PublicationName = options.GetOptionalString(Publication) ?? slot + "_publication",
            InitialSnapshot = (options.GetOptionalChoice(StartupMode) ?? "initial") == "initial",
            SnapshotBatchSize = fetch,
            ChunkSize = chunk,
            ChunkKeyColumn = chunkKey,
            Reads = context.Reads,
            HeartbeatInterval = heartbeat > TimeSpan.Zero ? heartbeat : null,
            IgnoreTruncate = (options.GetOptionalChoice(TruncateHandling) ?? "fail") == "ignore",
        });
        return new TableSource(context.Schema, ChangelogMode.All, new SourceHandle<PostgresCdcSplit>(source));
    }
}
