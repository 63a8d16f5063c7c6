using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Postgres.Connection;
using Sluice.Connectors.Postgres.Lookup;
using Sluice.Connectors.Postgres.Scan;
using Sluice.Connectors.Postgres.Sink;
using Sluice.Connectors.Postgres.Types;

namespace Sluice.Connectors.Postgres.Table;

/// <summary>
/// The <c>postgres</c> table connector, also registered as <c>jdbc</c> for <c>jdbc:postgresql://</c> URLs, with
/// Flink's JDBC connector options: a bounded (optionally partitioned) scan, lookups with an optional cache, and a
/// sink that appends, or upserts and deletes by primary key, at-least-once or exactly-once (prepared transactions).
/// </summary>
public sealed class PostgresTableFactory : ITableSourceFactory, ITableSinkFactory
{
    internal const string Url = "url";
    internal const string TableNameKey = "table-name";
    internal const string Username = "username";
    internal const string Password = "password";
    internal const string Driver = "driver";
    internal const string PartitionColumn = "scan.partition.column";
    internal const string PartitionNum = "scan.partition.num";
    internal const string PartitionLower = "scan.partition.lower-bound";
    internal const string PartitionUpper = "scan.partition.upper-bound";
    internal const string FetchSize = "scan.fetch-size";
    internal const string AutoCommit = "scan.auto-commit";
    internal const string LookupCache = "lookup.cache";
    internal const string PartialMaxRows = "lookup.partial-cache.max-rows";
    internal const string PartialExpireWrite = "lookup.partial-cache.expire-after-write";
    internal const string PartialExpireAccess = "lookup.partial-cache.expire-after-access";
    internal const string PartialMissing = "lookup.partial-cache.cache-missing-key";
    internal const string LegacyMaxRows = "lookup.cache.max-rows";
    internal const string LegacyTtl = "lookup.cache.ttl";
    internal const string LegacyMissing = "lookup.cache.caching-missing-key";
    internal const string LookupRetries = "lookup.max-retries";
    internal const string FlushRows = "sink.buffer-flush.max-rows";
    internal const string FlushInterval = "sink.buffer-flush.interval";
    internal const string SinkRetries = "sink.max-retries";
    internal const string SinkParallelism = "sink.parallelism";
    internal const string DeliveryGuarantee = "sink.delivery-guarantee";
    internal const string TransactionPrefix = "sink.transaction-id-prefix";
    internal const string ConnectionRetryTimeout = "connection.max-retry-timeout";

    private readonly string _name;

    /// <summary>Creates the factory registered as <paramref name="name"/> (<c>postgres</c> or <c>jdbc</c>).</summary>
    public PostgresTableFactory(string name = "postgres")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        Descriptor = CreateDescriptor(name);
    }

    /// <inheritdoc />
    public string Name => _name;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor { get; }

    private string Owner => Descriptor.ToString();

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(Descriptor);
        CheckColumns(context);
        var connectionString = ConnectionString(context, options);
        var table = TableName.Parse(options.GetString(TableNameKey), TableNameKey, Owner);

        var partitionColumn = options.GetOptionalString(PartitionColumn);
        var scan = new PostgresScanOptions
        {
            Connector = _name,
            ConnectionString = connectionString,
            Table = table,
            Schema = context.Schema,
            KeyColumns = [.. context.PrimaryKey.Select(context.Schema.IndexOf)],
            Reads = context.Reads,
            FetchSize = Positive(options.GetOptionalInt32(FetchSize) is { } f and > 0 ? f : 1000, FetchSize),
            MaxRetries = NonNegative(options.GetOptionalInt32(LookupRetries) ?? 3, LookupRetries),
        };
        if (partitionColumn is not null)
        {
            var column = context.Schema.Find(partitionColumn) ?? throw new TableOptionException(
                $"Option '{PartitionColumn}' of {Owner} names '{partitionColumn}', which is not a column of table '{context.TableName}'.",
                PartitionColumn, Owner);
            if (!PartitionBounds.IsSupported(column.DataType))
            {
                throw new TableOptionException(
                    $"Option '{PartitionColumn}' of {Owner} names '{partitionColumn}' of type {column.DataType}: the partition column must be a numeric, date or timestamp column.",
                    PartitionColumn, Owner);
            }

            var num = options.GetOptionalInt32(PartitionNum) ?? throw Missing(PartitionNum, PartitionColumn);
            var lower = Bound(options, PartitionLower, column);
            var upper = Bound(options, PartitionUpper, column);
            Positive(num, PartitionNum);
            if (PartitionBounds.Compare(lower, upper) > 0)
            {
                throw new TableOptionException(
                    $"Option '{PartitionLower}' of {Owner} ({options.GetString(PartitionLower)}) must not be greater than '{PartitionUpper}' ({options.GetString(PartitionUpper)}).", PartitionLower, Owner);
            }

            scan = scan with { PartitionColumn = partitionColumn, PartitionCount = num, LowerBound = lower, UpperBound = upper };
        }
        else
        {
            foreach (var key in new[] { PartitionNum, PartitionLower, PartitionUpper })
            {
                if (options.Contains(key))
                {
                    throw new TableOptionException($"Option '{key}' of {Owner} needs '{PartitionColumn}'.", key, Owner);
                }
            }
        }

        return new PostgresTableSource(new PostgresScanSource(scan), LookupOptions(options));
    }

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(Descriptor);
        CheckColumns(context);
        var connectionString = ConnectionString(context, options);
        var table = TableName.Parse(options.GetString(TableNameKey), TableNameKey, Owner);
        var guarantee = options.GetOptionalChoice(DeliveryGuarantee) ?? "at-least-once";
        var prefix = options.GetOptionalString(TransactionPrefix) ?? "sluice-" + table;
        if (prefix.Contains(':', StringComparison.Ordinal) || prefix.Length > 120)
        {
            throw new TableOptionException($"Option '{TransactionPrefix}' of {Owner} must not contain ':' and be at most 120 characters.", TransactionPrefix, Owner);
        }

        var primaryKey = context.PrimaryKey.Select(context.Schema.IndexOf).ToList();
        var sink = new PostgresSink(new PostgresSinkOptions
        {
            Connector = _name,
            ConnectionString = connectionString,
            Table = table,
            Schema = context.Schema,
            PrimaryKey = primaryKey,
            MaxBufferedRows = Positive(options.GetOptionalInt32(FlushRows) ?? 100, FlushRows),
            FlushInterval = options.GetOptionalDuration(FlushInterval) ?? TimeSpan.FromSeconds(1),
            MaxRetries = NonNegative(options.GetOptionalInt32(SinkRetries) ?? 3, SinkRetries),
            ExactlyOnce = guarantee == "exactly-once",
            TransactionIdPrefix = prefix,
        });
        var mode = primaryKey.Count > 0 ? ChangelogMode.Upsert : ChangelogMode.InsertOnly;
        return new TableSink(context.Schema, mode, new SinkHandle<string>(sink));
    }

    private PostgresLookupOptions LookupOptions(OptionReader options)
    {
        var cache = options.GetOptionalChoice(LookupCache);
        var legacyRows = options.GetOptionalInt64(LegacyMaxRows);
        var partial = string.Equals(cache, "PARTIAL", StringComparison.Ordinal);
        if (partial)
        {
            var write = options.GetOptionalDuration(PartialExpireWrite);
            var access = options.GetOptionalDuration(PartialExpireAccess);
            return new PostgresLookupOptions
            {
                CacheEnabled = true,
                MaxRows = Positive(options.GetOptionalInt64(PartialMaxRows) ?? 10_000, PartialMaxRows),
                ExpireAfterWrite = write,
                ExpireAfterAccess = access,
                CacheMissingKeys = !options.Contains(PartialMissing) || options.GetBoolean(PartialMissing),
                MaxRetries = NonNegative(options.GetOptionalInt32(LookupRetries) ?? 3, LookupRetries),
            };
        }

        var legacy = cache is null && legacyRows is > 0;
        return new PostgresLookupOptions
        {
            CacheEnabled = legacy,
            MaxRows = legacyRows ?? 0,
            ExpireAfterWrite = options.GetOptionalDuration(LegacyTtl),
            CacheMissingKeys = !options.Contains(LegacyMissing) || options.GetBoolean(LegacyMissing),
            MaxRetries = NonNegative(options.GetOptionalInt32(LookupRetries) ?? 3, LookupRetries),
        };
    }

    private string ConnectionString(TableContext context, OptionReader options)
    {
        var builder = JdbcUrl.Parse(options.GetString(Url), Url, Owner);
        if (options.GetOptionalString(Username) is { } user)
        {
            builder.Username = user;
        }

        if (options.GetOptionalString(Password) is { } password)
        {
            builder.Password = password;
        }

        builder.ApplicationName ??= "sluice " + context.TableName;
        return builder.ConnectionString;
    }

    private void CheckColumns(TableContext context)
    {
        if (context.MetadataColumns.Count > 0)
        {
            var column = context.MetadataColumns.Keys.First();
            throw new TableOptionException($"Column '{column}' of table '{context.TableName}' is a METADATA column, which {Owner} does not offer.",
                null, Owner);
        }

        foreach (var field in context.Schema.Fields)
        {
            if (PostgresTypes.Unsupported(field.DataType) is { } why)
            {
                throw new TableOptionException(
                    $"Column '{field.Name}' of table '{context.TableName}' has the type {why}, which {Owner} cannot read or write.", null, Owner);
            }
        }
    }

    private object Bound(OptionReader options, string key, Core.Schemas.Field column)
    {
        var text = options.GetOptionalString(key) ?? throw Missing(key, PartitionColumn);
        return PartitionBounds.Parse(text, column.DataType) ?? throw new TableOptionException(
            $"Invalid value '{text}' for option '{key}' of {Owner}: expected a value of the partition column '{column.Name}' ({column.DataType}): " +
            (column.DataType.TypeId is Core.Types.TypeId.Date or Core.Types.TypeId.Timestamp or Core.Types.TypeId.TimestampLtz
                ? "a literal such as '2024-01-31' or '2024-01-31 12:00:00', or milliseconds since 1970-01-01 00:00:00 UTC."
                : "a number" + (column.DataType.TypeId is Core.Types.TypeId.Decimal or Core.Types.TypeId.Float or Core.Types.TypeId.Double ? "." : " without a fraction.")),
            key, Owner);
    }

    private TableOptionException Missing(string key, string because) =>
        new($"Missing option '{key}' for {Owner}: it is required when '{because}' is set.", key, Owner);

    private int Positive(int value, string key) => value > 0 ? value
        : throw new TableOptionException($"Option '{key}' of {Owner} must be positive, not {value}.", key, Owner);

    private long Positive(long value, string key) => value > 0 ? value
        : throw new TableOptionException($"Option '{key}' of {Owner} must be positive, not {value}.", key, Owner);

    private int NonNegative(int value, string key) => value >= 0 ? value
        : throw new TableOptionException($"Option '{key}' of {Owner} must not be negative, not {value}.", key, Owner);

    private static ConnectorDescriptor CreateDescriptor(string name) => new(name, DescriptorKind.Connector,
        "Reads (a bounded scan and lookups by key) and writes (append, or upsert and delete by primary key) a PostgreSQL table. " +
        "The URL must be 'jdbc:postgresql://host:port/database'.",
        [
            ConnectorOption.Required(Url, OptionType.String,
                "The JDBC URL 'jdbc:postgresql://host:port/database'; query parameters sslmode, currentSchema, user, password, connectTimeout and ApplicationName are understood."),
            ConnectorOption.Required(TableNameKey, OptionType.String, "The table, optionally schema-qualified ('schema.table')."),
            ConnectorOption.Optional(Username, OptionType.String, "The user name."),
            ConnectorOption.Optional(Password, OptionType.String, "The password."),
            ConnectorOption.Optional(Driver, OptionType.String, "Accepted for compatibility; the driver is always Npgsql."),
            ConnectorOption.Optional(ConnectionRetryTimeout, OptionType.Duration, "Accepted for compatibility; connections are retried per 'sink.max-retries' / 'lookup.max-retries'."),
            ConnectorOption.Optional(PartitionColumn, OptionType.String,
                "A numeric (integer, DECIMAL, FLOAT, DOUBLE), DATE, TIMESTAMP or TIMESTAMP_LTZ column to split the scan by: 'scan.partition.num' " +
                "ranges of equal width between the lower and upper bound (the first and last open-ended, NULLs in the first)."),
            ConnectorOption.Optional(PartitionNum, OptionType.Int, "The number of scan splits (fewer when an integer or date range has fewer values)."),
            ConnectorOption.Optional(PartitionLower, OptionType.String,
                "The smallest value of the first split's range: a number, or for date and timestamp columns a literal ('2024-01-31', " +
                "'2024-01-31 12:00:00'; UTC for TIMESTAMP_LTZ) or milliseconds since 1970-01-01 00:00:00 UTC."),
            ConnectorOption.Optional(PartitionUpper, OptionType.String, "The largest value of the last split's range, given as the lower bound."),
            ConnectorOption.Optional(FetchSize, OptionType.Int, "Rows per scan query and batch; 0 means 1000.", "0"),
            ConnectorOption.Optional(AutoCommit, OptionType.Boolean, "Accepted for compatibility; scans read with autocommit.", "true"),
            ConnectorOption.Choice(LookupCache, "The lookup cache: NONE, or PARTIAL (the 'lookup.partial-cache.*' options).", null, "NONE", "PARTIAL"),
            ConnectorOption.Optional(PartialMaxRows, OptionType.Long, "The most keys the partial cache holds (least recently used evicted)."),
            ConnectorOption.Optional(PartialExpireWrite, OptionType.Duration, "A cached key expires this long after it was loaded."),
            ConnectorOption.Optional(PartialExpireAccess, OptionType.Duration, "A cached key expires this long after it was last read."),
            ConnectorOption.Optional(PartialMissing, OptionType.Boolean, "Whether keys without rows are cached too.", "true"),
            ConnectorOption.Optional(LegacyMaxRows, OptionType.Long, "Older form: enables the cache with this many keys."),
            ConnectorOption.Optional(LegacyTtl, OptionType.Duration, "Older form: a cached key expires this long after it was loaded."),
            ConnectorOption.Optional(LegacyMissing, OptionType.Boolean, "Older form: whether keys without rows are cached too.", "true"),
            ConnectorOption.Optional(LookupRetries, OptionType.Int, "Retries of a lookup (and of a scan query) on transient failures.", "3"),
            ConnectorOption.Optional(FlushRows, OptionType.Int, "Buffered rows that trigger a flush.", "100"),
            ConnectorOption.Optional(FlushInterval, OptionType.Duration,
                "A buffer older than this is flushed when the sink is next called (there is no timer); every checkpoint flushes.", "1 s"),
            ConnectorOption.Optional(SinkRetries, OptionType.Int, "Retries of a flush on transient failures (at-least-once).", "3"),
            ConnectorOption.Optional(SinkParallelism, OptionType.Int, "Accepted for compatibility; the sink runs at the job's parallelism."),
            ConnectorOption.Choice(DeliveryGuarantee,
                "'at-least-once': flush at every checkpoint; 'exactly-once': one prepared transaction per checkpoint, committed when it completes (needs max_prepared_transactions > 0); 'none' is treated as at-least-once.",
                "at-least-once", "at-least-once", "exactly-once", "none"),
            ConnectorOption.Optional(TransactionPrefix, OptionType.String,
                "Exactly-once: the prefix of the prepared transactions' ids; unique per sink table and job (default 'sluice-<table-name>')."),
        ]);
}
