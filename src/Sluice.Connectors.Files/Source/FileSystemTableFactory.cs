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
/// <para><b>Not supported yet:</b> partitioned tables (<c>PARTITIONED BY</c>: an error when the table is read or written;
/// <c>partition.default-name</c> is accepted and unused) and bulk formats (parquet, orc, avro).</para>
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
                "Accepted for compatibility: partitioned tables are not supported yet.", "__DEFAULT_PARTITION__"),
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
        RejectPartitions(context);
        var format = context.GetFormat(FormatKey);
        var formatOptions = context.GetFormatOptions(format, FormatKey);
        var schema = context.Schema;

        // Fail now, not in the task, when the format cannot read this table.
        format.CreateDecoder(schema, formatOptions).Dispose();
        var source = new FileSystemSource(new FileSystemSourceOptions
        {
            Path = options.GetString(PathKey),
            CreateDecoder = () => format.CreateDecoder(schema, formatOptions),
            MonitorInterval = options.GetOptionalDuration(MonitorInterval),
        });
        var reload = options.GetOptionalDuration(LookupCacheTtl) ?? TimeSpan.FromMinutes(60);
        if (reload <= TimeSpan.Zero)
        {
            throw new TableOptionException($"Option '{LookupCacheTtl}' of connector 'filesystem' must be positive, not '{context.GetOption(LookupCacheTtl)}'.",
                LookupCacheTtl, ConnectorDescriptor.ToString());
        }

        return new Lookup.FileSystemTableSource(schema, format.ChangelogMode, source, reload);
    }

    /// <summary>Partitioned tables (<c>PARTITIONED BY</c>) are not supported yet: an error naming the columns, never ignored.</summary>
    private static void RejectPartitions(TableContext context)
    {
        if (context.PartitionKeys.Count > 0)
        {
            throw new TableOptionException(
                $"Table '{context.TableName}' is PARTITIONED BY ({string.Join(", ", context.PartitionKeys)}): the connector 'filesystem' " +
                "does not support partitioned tables yet (partition directories are neither written nor read); declare the table without PARTITIONED BY.",
                "PARTITIONED BY", ConnectorDescriptor.ToString());
        }
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

        RejectPartitions(context);
        var directory = options.GetString(PathKey);
        var sink = new TransactionalFileSink(new FileSinkOptions
        {
            Directory = directory,
            Encoder = format.CreateEncoder(context.Schema, context.GetFormatOptions(format, FormatKey)),
            MaxPartSizeBytes = partSize,

            // Two sinks of one table in one job (two INSERTs) write the same folder under different names.
            PartPrefix = context.SinkOrdinal == 0 ? "part" : string.Create(CultureInfo.InvariantCulture, $"part{context.SinkOrdinal}"),
            ReplacedFiles = context.Overwrite ? VisibleFiles(directory) : [],
        });
        return new TableSink(context.Schema, format.ChangelogMode, new SinkHandle<FileCommittable>(sink)) { SupportsOverwrite = true };
    }
}
