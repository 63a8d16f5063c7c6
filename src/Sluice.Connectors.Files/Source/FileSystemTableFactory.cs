using System.Globalization;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Sink;

namespace Sluice.Connectors.Files.Source;

/// <summary>
/// The <c>filesystem</c> table connector (<c>'connector' = 'filesystem'</c>): the source reads a file or a directory
/// with a row format (<see cref="FileSystemSource"/>); the sink writes part files into a directory with exactly-once
/// visibility (<see cref="TransactionalFileSink"/>); lookup joins read the whole table into memory
/// (<see cref="Lookup.FileSystemLookupFunction"/>). Flink's option names.
/// </summary>
/// <remarks>
/// <para><b>Rolling.</b> Part files roll when <c>sink.rolling-policy.file-size</c> would be exceeded and at every
/// checkpoint (which is when files become visible); <c>sink.rolling-policy.rollover-interval</c> and
/// <c>sink.rolling-policy.check-interval</c> are accepted for compatibility, rolling on checkpoints bounds a file's age
/// anyway.</para>
/// <para><b>INSERT OVERWRITE</b> replaces the files the folder holds when the job is planned: they are deleted by the
/// sink's first commit, when its new files become visible. Two sinks of one table in one job name their files apart.</para>
/// <para><b>Partitioned tables</b> (<c>PARTITIONED BY</c>): the sink writes each row into the folder
/// <c>k1=v1/k2=v2/</c> of its partition, without the partition columns (<see cref="Partitions.PartitionedFileSink"/>),
/// and commits partitions per <c>sink.partition-commit.*</c>; the source reads the partition values from the folders and
/// skips the partitions a query's conditions on partition columns reject (<see cref="ISupportsPartitionPushDown"/>).</para>
/// <para><b>Not supported yet:</b> bulk formats (parquet, orc, avro).</para>
/// <para><b>Changelog.</b> The source produces, and the sink accepts, the row kinds of the format: insert-only for
/// csv/json/raw, every kind for debezium-json.</para>
/// </remarks>
public sealed class FileSystemTableFactory : ITableSourceFactory, ITableSinkFactory
{
    /// <summary>The connector's name.</summary>
    public const string ConnectorName = "filesystem";

    internal const string PathKey = "path";
    internal const string FormatKey = "format";
    internal const string MonitorInterval = "source.monitor-interval";
    internal const string FileSize = "sink.rolling-policy.file-size";
    internal const string RolloverInterval = "sink.rolling-policy.rollover-interval";
    internal const string CheckInterval = "sink.rolling-policy.check-interval";
    internal const string PartitionDefaultName = "partition.default-name";
    internal const string LookupCacheTtl = "lookup.join.cache.ttl";
    internal const string ShuffleByPartition = "sink.shuffle-by-partition.enable";
    internal const string CommitTrigger = "sink.partition-commit.trigger";
    internal const string CommitDelay = "sink.partition-commit.delay";
    internal const string WatermarkTimeZone = "sink.partition-commit.watermark-time-zone";
    internal const string ExtractorKind = "partition.time-extractor.kind";
    internal const string ExtractorClass = "partition.time-extractor.class";
    internal const string TimestampPattern = "partition.time-extractor.timestamp-pattern";
    internal const string TimestampFormatter = "partition.time-extractor.timestamp-formatter";
    internal const string PolicyKind = "sink.partition-commit.policy.kind";
    internal const string PolicyClass = "sink.partition-commit.policy.class";
    internal const string SuccessFileName = "sink.partition-commit.success-file.name";

    /// <summary>The descriptor of the connector's options.</summary>
    public static ConnectorDescriptor ConnectorDescriptor { get; } = new(ConnectorName, DescriptorKind.Connector,
        "Reads and writes files of a row format in a directory (or one file).",
        [
            ConnectorOption.Required(PathKey, OptionType.String, "The file or directory to read, or the directory to write."),
            ConnectorOption.Required(FormatKey, OptionType.String, "The row format: 'csv', 'json', 'raw', 'debezium-json', ..."),
            ConnectorOption.Optional(MonitorInterval, OptionType.Duration,
                "Makes the source continuous: the directory is rescanned at this interval and new files are read. Unset: " +
                "the files present at the start are read and the source ends."),
            ConnectorOption.Optional(FileSize, OptionType.MemorySize, "The size at which a part file is rolled.", "128mb"),
            ConnectorOption.Optional(RolloverInterval, OptionType.Duration,
                "Accepted for compatibility: part files are rolled at every checkpoint, which bounds their age.", "30 min"),
            ConnectorOption.Optional(CheckInterval, OptionType.Duration, "Accepted for compatibility (see the rollover interval).", "1 min"),
            ConnectorOption.Optional(PartitionDefaultName, OptionType.String,
                "The partition folder of NULL and empty partition values.", "__DEFAULT_PARTITION__"),
            ConnectorOption.Optional(ShuffleByPartition, OptionType.Boolean,
                "Distributes rows to the sink's writers by hash of the partition columns, so that each partition is written by one writer (fewer files).", "false"),
            ConnectorOption.Choice(CommitTrigger,
                "When a written partition is committed: 'process-time' (the processing time passes its first write plus the delay) or " +
                "'partition-time' (the watermark passes the time extracted from its values plus the delay). A bounded input commits every partition at its end.",
                "process-time", "process-time", "partition-time"),
            ConnectorOption.Optional(CommitDelay, OptionType.Duration, "How long after its time a partition is committed.", "0 s"),
            ConnectorOption.Optional(WatermarkTimeZone, OptionType.String,
                "The time zone of partition times, to compare them with the watermark (for the 'partition-time' trigger), e.g. 'UTC', 'Asia/Shanghai'.", "UTC"),
            ConnectorOption.Choice(ExtractorKind, "How partition times are extracted: 'default' (the pattern and formatter); 'custom' needs a Java class and is rejected.",
                "default", "default", "custom"),
            ConnectorOption.Optional(ExtractorClass, OptionType.String, "A Java extractor class: not supported (rejected)."),
            ConnectorOption.Optional(TimestampPattern, OptionType.String,
                "How partition values make a timestamp, '$key' standing for a value, e.g. '$dt $hour:00:00'; unset: the first partition value."),
            ConnectorOption.Optional(TimestampFormatter, OptionType.String,
                "The date-time pattern the timestamp is parsed with (a date alone is that day at midnight).", "yyyy-MM-dd HH:mm:ss"),
            ConnectorOption.Optional(PolicyKind, OptionType.String,
                "What committing a partition does: 'success-file' writes the success file into it; unset: nothing. 'metastore' (Hive tables only) " +
                "and 'custom' (a Java class) are rejected."),
            ConnectorOption.Optional(PolicyClass, OptionType.String, "A Java commit policy class: not supported (rejected)."),
            ConnectorOption.Optional(SuccessFileName, OptionType.String, "The name of the success file.", "_SUCCESS"),
            ConnectorOption.Optional(LookupCacheTtl, OptionType.Duration,
                "In a lookup join (FOR SYSTEM_TIME AS OF a processing-time attribute), how long the table read into memory " +
                "is used before the files are read again.", "60 min"),
        ],
        formatKeys: [FormatKey]);

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public ConnectorDescriptor Descriptor => ConnectorDescriptor;

    /// <inheritdoc />
    public ITableSource CreateSource(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(ConnectorDescriptor);
        var partitions = Partitioning(context, options);
        var format = context.GetFormat(FormatKey);
        var formatOptions = context.GetFormatOptions(format, FormatKey);
        var schema = context.Schema;
        var dataSchema = partitions?.DataSchema ?? schema;

        // Fail now, not in the task, when the format cannot read this table.
        format.CreateDecoder(dataSchema, formatOptions).Dispose();
        var sourceOptions = new FileSystemSourceOptions
        {
            Path = options.GetString(PathKey),
            CreateDecoder = () => format.CreateDecoder(dataSchema, formatOptions),
            MonitorInterval = options.GetOptionalDuration(MonitorInterval),
            Partitions = partitions,
        };
        var reload = options.GetOptionalDuration(LookupCacheTtl) ?? TimeSpan.FromMinutes(60);
        if (reload <= TimeSpan.Zero)
        {
            throw new TableOptionException($"Option '{LookupCacheTtl}' of connector 'filesystem' must be positive, not '{context.GetOption(LookupCacheTtl)}'.",
                LookupCacheTtl, ConnectorDescriptor.ToString());
        }

        return new Lookup.FileSystemTableSource(schema, format.ChangelogMode, sourceOptions, reload);
    }

    /// <summary>The partition scheme of a <c>PARTITIONED BY</c> table (null without partitions); checks the partition columns.</summary>
    private static Partitions.PartitionScheme? Partitioning(TableContext context, OptionReader options)
    {
        if (context.PartitionKeys.Count == 0)
        {
            return null;
        }

        foreach (var key in context.PartitionKeys)
        {
            var index = context.Schema.IndexOf(key);
            if (index < 0)
            {
                throw new TableOptionException(
                    $"Table '{context.TableName}' is PARTITIONED BY '{key}', which is not a physical column of the table.", "PARTITIONED BY", ConnectorDescriptor.ToString());
            }

            if (!Partitions.PartitionValues.Supports(context.Schema[index].DataType))
            {
                throw new TableOptionException(
                    $"Table '{context.TableName}' is PARTITIONED BY '{key}' of type {context.Schema[index].DataType}, which cannot name a partition folder " +
                    "(use a string, number, boolean, DATE, TIME or TIMESTAMP column).", "PARTITIONED BY", ConnectorDescriptor.ToString());
            }
        }

        if (context.PartitionKeys.Count == context.Schema.Count)
        {
            throw new TableOptionException(
                $"Table '{context.TableName}': every column is a partition column, so the files would hold nothing; keep at least one column out of PARTITIONED BY.",
                "PARTITIONED BY", ConnectorDescriptor.ToString());
        }

        return new Partitions.PartitionScheme(context.Schema, context.PartitionKeys, options.GetString(PartitionDefaultName));
    }

    /// <summary>The partition commit options (<c>sink.partition-commit.*</c>, <c>partition.time-extractor.*</c>), checked.</summary>
    private static Partitions.PartitionCommitOptions CommitOptions(TableContext context, OptionReader options)
    {
        if (options.GetOptionalChoice(ExtractorKind) == "custom" || options.Contains(ExtractorClass))
        {
            throw new TableOptionException(
                $"Option '{ExtractorKind}' = 'custom' of table '{context.TableName}': a custom partition time extractor is a Java class, which Sluice cannot load; " +
                $"use the default extractor with '{TimestampPattern}' and '{TimestampFormatter}'.", ExtractorKind, ConnectorDescriptor.ToString());
        }

        var writeSuccess = false;
        foreach (var policy in (options.GetOptionalString(PolicyKind) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (policy.ToLowerInvariant())
            {
                case "success-file":
                    writeSuccess = true;
                    break;
                case "metastore":
                    throw new TableOptionException(
                        $"Option '{PolicyKind}' of table '{context.TableName}': the 'metastore' policy updates a Hive metastore and is only for Hive tables; " +
                        "a filesystem table has no metastore (use 'success-file').", PolicyKind, ConnectorDescriptor.ToString());
                case "custom":
                    throw new TableOptionException(
                        $"Option '{PolicyKind}' of table '{context.TableName}': a 'custom' commit policy is a Java class ('{PolicyClass}'), which Sluice cannot load; use 'success-file'.",
                        PolicyKind, ConnectorDescriptor.ToString());
                default:
                    throw new TableOptionException(
                        $"Option '{PolicyKind}' of table '{context.TableName}' has the unknown policy '{policy}' (expected 'success-file').", PolicyKind, ConnectorDescriptor.ToString());
            }
        }

        if (options.Contains(PolicyClass) && !writeSuccess)
        {
            throw new TableOptionException(
                $"Option '{PolicyClass}' of table '{context.TableName}': custom commit policies (Java classes) are not supported.", PolicyClass, ConnectorDescriptor.ToString());
        }

        var zoneName = options.GetString(WatermarkTimeZone);
        TimeZoneInfo zone;
        try
        {
            zone = zoneName is "UTC" or "Z" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new TableOptionException($"Option '{WatermarkTimeZone}' of table '{context.TableName}': unknown time zone '{zoneName}'.",
                WatermarkTimeZone, ConnectorDescriptor.ToString(), ex);
        }

        var delay = options.GetOptionalDuration(CommitDelay) ?? TimeSpan.Zero;
        if (delay < TimeSpan.Zero)
        {
            throw new TableOptionException($"Option '{CommitDelay}' of table '{context.TableName}' must not be negative.", CommitDelay, ConnectorDescriptor.ToString());
        }

        var successName = options.GetString(SuccessFileName);
        if (successName.Length == 0 || successName.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new TableOptionException($"Option '{SuccessFileName}' of table '{context.TableName}' must be a file name, not '{successName}'.",
                SuccessFileName, ConnectorDescriptor.ToString());
        }

        return new Partitions.PartitionCommitOptions
        {
            Trigger = options.GetOptionalChoice(CommitTrigger) == "partition-time"
                ? Partitions.PartitionCommitTrigger.PartitionTime
                : Partitions.PartitionCommitTrigger.ProcessTime,
            Delay = delay,
            WatermarkTimeZone = zone,
            TimeExtractor = new Partitions.PartitionTimeExtractor(options.GetOptionalString(TimestampPattern), options.GetOptionalString(TimestampFormatter)),
            WriteSuccessFile = writeSuccess,
            SuccessFileName = successName,
        };
    }

    /// <summary>
    /// The visible files of each partition folder of a partitioned table now (for <c>INSERT OVERWRITE</c>), by partition
    /// path <c>k1=v1/k2=v2/</c>; hidden files and folders (starting with '.' or '_') are skipped.
    /// </summary>
    private static Dictionary<string, IReadOnlyList<string>> VisiblePartitionFiles(string path)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            return result;
        }

        var folders = new List<string> { root };
        for (var i = 0; i < folders.Count; i++)
        {
            var relative = Path.GetRelativePath(root, folders[i]);
            var files = Directory.EnumerateFiles(folders[i]).Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith('_')).ToList();
            if (files.Count > 0 && relative != ".")
            {
                result[relative.Replace(Path.DirectorySeparatorChar, '/') + "/"] = files;
            }

            folders.AddRange(Directory.EnumerateDirectories(folders[i]).Where(d => Path.GetFileName(d) is var n && !n.StartsWith('.') && !n.StartsWith('_')));
        }

        return result;
    }

    /// <summary>
    /// The files an <c>INSERT OVERWRITE</c> replaces: the visible files of the folder now (hidden ones, starting with '.'
    /// or '_', are not data), or the one file when the path is a file.
    /// </summary>
    private static string[] VisibleFiles(string path)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return [full];
        }

        return Directory.Exists(full)
            ? [.. Directory.EnumerateFiles(full).Where(f => Path.GetFileName(f) is var name && !name.StartsWith('.') && !name.StartsWith('_'))]
            : [];
    }

    /// <inheritdoc />
    public ITableSink CreateSink(TableContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetOptions(ConnectorDescriptor);
        var format = context.GetFormat(FormatKey);
        var partSize = options.GetOptionalMemorySize(FileSize) ?? 128L * 1024 * 1024;
        if (partSize <= 0)
        {
            throw new TableOptionException($"Option '{FileSize}' of connector 'filesystem' must be positive, not '{context.GetOption(FileSize)}'.",
                FileSize, ConnectorDescriptor.ToString());
        }

        var directory = options.GetString(PathKey);
        var prefix = context.SinkOrdinal == 0 ? "part" : string.Create(CultureInfo.InvariantCulture, $"part{context.SinkOrdinal}");
        if (Partitioning(context, options) is { } partitions)
        {
            var commit = CommitOptions(context, options);
            var partitioned = new Partitions.PartitionedFileSink(new Partitions.PartitionedFileSinkOptions
            {
                Directory = directory,
                Schema = context.Schema,
                PartitionKeys = context.PartitionKeys,
                Encoder = format.CreateEncoder(partitions.DataSchema, context.GetFormatOptions(format, FormatKey)),
                PartPrefix = prefix,
                MaxPartSizeBytes = partSize,
                DefaultPartitionName = partitions.DefaultName,
                Commit = commit,
                ReplacedFiles = context.Overwrite ? VisiblePartitionFiles(directory) : null,
                StaticOverwritePartition = context.Overwrite && context.PartitionKeys.All(context.StaticPartitions.ContainsKey)
                    ? Partitions.PartitionPath.Build(context.PartitionKeys,
                        [.. context.PartitionKeys.Select(k => Partitions.PartitionValues.Format(context.StaticPartitions[k], context.Schema[context.Schema.IndexOf(k)].DataType))],
                        partitions.DefaultName)
                    : null,
            });
            var shuffle = options.GetBoolean(ShuffleByPartition) ? context.PartitionKeys.Select(context.Schema.IndexOf).ToArray() : [];
            return new Partitions.PartitionedTableSink(context.Schema, format.ChangelogMode, new SinkHandle<Partitions.PartitionedFileCommittable>(partitioned),
                shuffle, commit.Trigger == Partitions.PartitionCommitTrigger.PartitionTime);
        }

        var sink = new TransactionalFileSink(new FileSinkOptions
        {
            Directory = directory,
            Encoder = format.CreateEncoder(context.Schema, context.GetFormatOptions(format, FormatKey)),
            MaxPartSizeBytes = partSize,

            // Two sinks of one table in one job (two INSERTs) write the same folder under different names.
            PartPrefix = prefix,
            ReplacedFiles = context.Overwrite ? VisibleFiles(directory) : [],
        });
        return new TableSink(context.Schema, format.ChangelogMode, new SinkHandle<FileCommittable>(sink)) { SupportsOverwrite = true };
    }
}
