using Sluice.Connectors.Abstractions.Formats;
using Sluice.Core.Schemas;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>Options of the <see cref="PartitionedFileSink"/>.</summary>
public sealed class PartitionedFileSinkOptions
{
    /// <summary>The table's folder: partitions are its subfolders <c>k1=v1/k2=v2/</c> (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>The schema of the rows the sink gets: every column, partition columns included.</summary>
    public required Schema Schema { get; init; }

    /// <summary>The partition columns, in <c>PARTITIONED BY</c> order.</summary>
    public required IReadOnlyList<string> PartitionKeys { get; init; }

    /// <summary>Encodes the rows without their partition columns (the format's encoder for <see cref="DataSchema"/>).</summary>
    public required IBatchEncoder Encoder { get; init; }

    /// <summary>The first part of every file name (default <c>"part"</c>), as <see cref="Sink.FileSinkOptions.PartPrefix"/>.</summary>
    public string PartPrefix { get; init; } = "part";

    /// <summary>The size at which a part file of a partition is rolled (default 128 MiB).</summary>
    public long MaxPartSizeBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>The folder name of NULL and empty partition values.</summary>
    public string DefaultPartitionName { get; init; } = PartitionPath.DefaultPartitionName;

    /// <summary>When and how partitions are committed.</summary>
    public PartitionCommitOptions Commit { get; init; } = new();

    /// <summary>
    /// <c>INSERT OVERWRITE</c>: the visible files of each partition (by relative path) when the job was planned; a
    /// partition's files are deleted by the first commit of new files into it (default none: append).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ReplacedFiles { get; init; }

    /// <summary>
    /// <c>INSERT OVERWRITE t PARTITION (...)</c> with every partition column static: that partition's relative path. When
    /// the input ends without a row written, the partition is overwritten to empty (its files deleted) and committed, as
    /// Flink's batch sink loads an empty partition (default null).
    /// </summary>
    public string? StaticOverwritePartition { get; init; }

    /// <summary>The schema of the files' records: <see cref="Schema"/> without the partition columns.</summary>
    public Schema DataSchema => DataSchemaOf(Schema, PartitionKeys);

    /// <summary>The columns of <paramref name="schema"/> that are not partition columns (keeping the row-time column).</summary>
    public static Schema DataSchemaOf(Schema schema, IReadOnlyList<string> partitionKeys)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        var fields = schema.Fields.Where(f => !partitionKeys.Contains(f.Name)).ToList();
        var rowTime = schema.RowTimeIndex >= 0 ? fields.FindIndex(f => f.Name == schema[schema.RowTimeIndex].Name) : -1;
        return new Schema(fields, rowTime);
    }
}
