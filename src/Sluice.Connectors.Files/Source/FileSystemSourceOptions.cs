using Sluice.Connectors.Abstractions.Table;

namespace Sluice.Connectors.Files.Source;

/// <summary>Options of the <see cref="FileSystemSource"/>.</summary>
public sealed record FileSystemSourceOptions
{
    /// <summary>A file, or a directory whose files (recursively; hidden ones starting with '.' or '_' excluded) are read.</summary>
    public required string Path { get; init; }

    /// <summary>Creates a decoder of the table's format; called once per reader.</summary>
    public required Func<IBatchDecoder> CreateDecoder { get; init; }

    /// <summary>
    /// When set, the source is continuous: the directory is rescanned at this interval and new files are read too.
    /// When null (the default), the files present at the start are read and the source ends.
    /// </summary>
    public TimeSpan? MonitorInterval { get; init; }

    /// <summary>The most rows in one emitted batch (default 1024).</summary>
    public int BatchSize { get; init; } = 1024;

    /// <summary>
    /// For a partitioned table (<c>PARTITIONED BY</c>): the partition columns read from the folders
    /// <c>k1=v1/k2=v2/</c>, and the pushed-down partition filter; null for a table without partitions.
    /// </summary>
    public Partitions.PartitionScheme? Partitions { get; init; }

    /// <summary>The size of the read buffer in bytes (default 64 KiB; it grows for longer records).</summary>
    public int ReadBufferSize { get; init; } = 64 * 1024;
}
