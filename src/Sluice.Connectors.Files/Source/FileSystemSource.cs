using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Source;

/// <summary>
/// The <c>filesystem</c> source: reads the records of a file, or of every file of a directory, through a format
/// decoder into <c>RecordBatch</c>es of up to <see cref="FileSystemSourceOptions.BatchSize"/> rows.
/// </summary>
/// <remarks>
/// <para><b>Splits and positions.</b> Each file is a split (<see cref="FileSplit"/>); its position is the byte offset
/// of the next record, so a restored reader resumes exactly after the last emitted row. Files are discovered once,
/// sorted by path, and assigned to readers round-robin.</para>
/// <para><b>Boundedness.</b> Bounded by default: the source ends when every file is read. With
/// <see cref="FileSystemSourceOptions.MonitorInterval"/> it is continuous: one extra split, a
/// <see cref="DirectoryWatchSplit"/>, makes the reader that holds it rescan the directory and read new files itself.
/// Files are assumed to be complete when they appear (write them elsewhere and move them in); a file that grows after
/// it was read is not read again.</para>
/// <para><b>Errors.</b> A record that does not parse fails the job with a <see cref="Abstractions.Table.FormatParseException"/>
/// naming the file, the line and the column (unless the format ignores parse errors); an unreadable file fails with a
/// <see cref="ConnectorException"/>.</para>
/// </remarks>
public sealed class FileSystemSource : ISource<FileSourceSplit>
{
    /// <summary>The connector name used in errors.</summary>
    public const string ConnectorName = "filesystem";

    /// <summary>Creates the source.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public FileSystemSource(FileSystemSourceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path, nameof(options));
        ArgumentNullException.ThrowIfNull(options.CreateDecoder, nameof(options));
        if (options.BatchSize < 1 || options.ReadBufferSize < 16)
        {
            throw new ArgumentException("BatchSize must be positive and ReadBufferSize at least 16 bytes.", nameof(options));
        }

        if (options.MonitorInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"MonitorInterval must be positive, not {interval}.", nameof(options));
        }

        Options = options;
        RootPath = System.IO.Path.GetFullPath(options.Path);
    }

    /// <summary>The options.</summary>
    public FileSystemSourceOptions Options { get; }

    /// <summary>The absolute path of the file or directory.</summary>
    public string RootPath { get; }

    /// <inheritdoc />
    public Boundedness Boundedness => Options.MonitorInterval is null ? Boundedness.Bounded : Boundedness.Unbounded;

    /// <inheritdoc />
    public ITypeSerializer<FileSourceSplit> SplitSerializer => FileSourceSplit.Serializer;

    /// <inheritdoc />
    /// <exception cref="ConnectorException">The path does not exist or cannot be listed.</exception>
    public IReadOnlyList<FileSourceSplit> DiscoverSplits(int parallelism)
    {
        var files = ListFiles();
        var splits = new List<FileSourceSplit>(files.Select(f => new FileSplit(f)));
        if (Options.MonitorInterval is not null)
        {
            splits.Add(new DirectoryWatchSplit(RootPath, new HashSet<string>(files, StringComparer.Ordinal)));
        }

        return splits;
    }

    /// <inheritdoc />
    public ISourceReader<FileSourceSplit> CreateReader(SourceReaderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new FileSystemSourceReader(this, context);
    }

    /// <summary>The files to read now, sorted by path (ordinal).</summary>
    /// <exception cref="ConnectorException">The path does not exist or cannot be listed.</exception>
    internal List<string> ListFiles()
    {
        try
        {
            if (File.Exists(RootPath))
            {
                return [RootPath];
            }

            if (!Directory.Exists(RootPath))
            {
                throw new ConnectorException(ConnectorName, $"The path '{RootPath}' does not exist.", ErrorDomain.User, RetryHint.None);
            }

            var files = new List<string>();
            Collect(new DirectoryInfo(RootPath), files, RootPath, Options.Partitions);
            files.Sort(StringComparer.Ordinal);
            return files;
        }
        catch (IOException ex)
        {
            throw new ConnectorException(ConnectorName, $"Cannot list '{RootPath}': {ex.Message}", innerException: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConnectorException(ConnectorName, $"Cannot list '{RootPath}': {ex.Message}", innerException: ex);
        }
    }

    private static void Collect(DirectoryInfo directory, List<string> files, string root, Partitions.PartitionScheme? partitions)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            if (entry.Name.StartsWith('.') || entry.Name.StartsWith('_'))
            {
                continue; // hidden files, in-progress and pending part files of a sink, _SUCCESS markers
            }

            if (entry is DirectoryInfo child)
            {
                // A partition folder the pushed-down filter rejects is neither listed nor read.
                if (partitions is null || partitions.Keeps(System.IO.Path.GetRelativePath(root, child.FullName)))
                {
                    Collect(child, files, root, partitions);
                }
            }
            else if (partitions is null || System.IO.Path.TrimEndingDirectorySeparator(directory.FullName) != System.IO.Path.TrimEndingDirectorySeparator(root))
            {
                files.Add(entry.FullName);
            }
        }
    }
}
