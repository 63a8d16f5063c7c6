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
/// <para><b>Not supported yet:</b> partitioned tables (<c>PARTITIONED BY</c>; <c>partition.default-name</c> is accepted
/// and unused) and bulk formats (parquet, orc, avro).</para>
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

        var sink = new TransactionalFileSink(new FileSinkOptions
        {
            Directory = options.GetString(PathKey),
            Encoder = format.CreateEncoder(context.Schema, context.GetFormatOptions(format, FormatKey)),
            MaxPartSizeBytes = partSize,
        });
        return new TableSink(context.Schema, format.ChangelogMode, new SinkHandle<FileCommittable>(sink));
    }
}
