using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// What a table factory knows about the table it creates a source or sink for: its name, physical schema, options
/// (the <c>WITH</c> clause, case-sensitive keys as in Flink), primary key, and the session's time zone and clock.
/// Immutable (create variants with <c>with</c>).
/// </summary>
public sealed record TableContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="tableName">The table's name as the user wrote it (for messages).</param>
    /// <param name="schema">The physical columns, with the row-time column if the table declares a watermark on one.</param>
    /// <param name="options">The <c>WITH</c> clause; copied.</param>
    public TableContext(string tableName, Schema schema, IReadOnlyDictionary<string, string> options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tableName);
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(options);
        TableName = tableName;
        Schema = schema;
        Options = new Dictionary<string, string>(options, StringComparer.Ordinal);
    }

    /// <summary>The table's name as the user wrote it.</summary>
    public string TableName { get; }

    /// <summary>The physical columns (what the source produces and the sink consumes).</summary>
    public Schema Schema { get; }

    /// <summary>The <c>WITH</c> clause (case-sensitive keys).</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The primary key's column names, in key order; empty when the table has none.</summary>
    public IReadOnlyList<string> PrimaryKey { get; init; } = [];

    /// <summary>
    /// The columns of <see cref="Schema"/> that are <c>METADATA</c> columns, by column name, with the metadata key each
    /// reads or writes (<c>METADATA FROM 'key'</c>, or the column's name). Empty when the table declares none; a
    /// connector that offers no metadata rejects a non-empty map with a <see cref="TableOptionException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> MetadataColumns { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The session time zone (<c>table.local-time-zone</c>): how <c>TIMESTAMP_LTZ</c> values are shown.</summary>
    public TimeZoneInfo SessionTimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>
    /// What a source's job reads of <see cref="Schema"/>; null when everything is (sinks, and sources whose reads are
    /// not known). A source may leave the rest NULL; see <see cref="ColumnReads"/>.
    /// </summary>
    public ColumnReads? Reads { get; init; }

    /// <summary>
    /// The table's <c>PARTITIONED BY</c> columns, in order; empty when it has none. A connector that cannot write or
    /// read partitions rejects a non-empty list with a <see cref="TableOptionException"/>.
    /// </summary>
    public IReadOnlyList<string> PartitionKeys { get; init; } = [];

    /// <summary>For a sink: true for <c>INSERT OVERWRITE</c>, whose rows replace the table's existing data.</summary>
    public bool Overwrite { get; init; }

    /// <summary>
    /// For a sink of a partitioned table: the partition columns given constant values by the statement's
    /// <c>PARTITION (col = value, ...)</c> clause, with their values (as a column vector's <c>GetValue</c> returns them;
    /// null for NULL); empty without that clause. Every row the sink gets has these values.
    /// </summary>
    public IReadOnlyDictionary<string, object?> StaticPartitions { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// For a sink: how many sinks of the same table the job has before this one (0 for the first), so that sinks of one
    /// table in one job can tell their outputs apart (two <c>INSERT</c>s into one folder).
    /// </summary>
    public int SinkOrdinal { get; init; }

    /// <summary>The clock of the session, for connectors that need "now" when they are created.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The registry the formats are looked up in; set by <see cref="ConnectorRegistry"/> when it creates the source or sink.</summary>
    public ConnectorRegistry? Registry { get; init; }

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public string? GetOption(string key) => Options.TryGetValue(key, out var value) ? value : null;

    /// <summary>A reader of the connector's own options (no prefix), with the defaults of <paramref name="descriptor"/>.</summary>
    public OptionReader GetOptions(ConnectorDescriptor descriptor) => new(Options, descriptor);

    /// <summary>The format chosen by <paramref name="formatKey"/> (<c>format</c>, <c>key.format</c>, <c>value.format</c>).</summary>
    /// <exception cref="TableOptionException">The option is missing, or names no registered format.</exception>
    public IFormatFactory GetFormat(string formatKey = "format")
    {
        var name = GetOption(formatKey) ?? throw new TableOptionException(
            $"Missing required option '{formatKey}' for table '{TableName}'.", formatKey);
        var registry = Registry ?? throw new InvalidOperationException(
            "The table context has no registry to look formats up in; create sources and sinks through a ConnectorRegistry.");
        return registry.GetFormatFactory(name, formatKey);
    }

    /// <summary>A reader of <paramref name="format"/>'s options as chosen by <paramref name="formatKey"/> (prefix <c>csv.</c>, <c>value.csv.</c>).</summary>
    public OptionReader GetFormatOptions(IFormatFactory format, string formatKey = "format")
    {
        ArgumentNullException.ThrowIfNull(format);
        return new OptionReader(Options, format.Descriptor, format.Descriptor.FormatPrefix(formatKey));
    }

    /// <summary>Creates a decoder of the format chosen by <paramref name="formatKey"/> for <paramref name="schema"/> (default: the table's).</summary>
    public IBatchDecoder CreateDecoder(string formatKey = "format", Schema? schema = null)
    {
        var format = GetFormat(formatKey);
        return format.CreateDecoder(schema ?? Schema, GetFormatOptions(format, formatKey));
    }

    /// <summary>Creates an encoder of the format chosen by <paramref name="formatKey"/> for <paramref name="schema"/> (default: the table's).</summary>
    public IBatchEncoder CreateEncoder(string formatKey = "format", Schema? schema = null)
    {
        var format = GetFormat(formatKey);
        return format.CreateEncoder(schema ?? Schema, GetFormatOptions(format, formatKey));
    }
}
