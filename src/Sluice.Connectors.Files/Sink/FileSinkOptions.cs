using Sluice.Connectors.Abstractions.Formats;

namespace Sluice.Connectors.Files.Sink;

/// <summary>Options of the <see cref="TransactionalFileSink"/>.</summary>
public sealed class FileSinkOptions
{
    /// <summary>The folder that receives the part files (created if missing).</summary>
    public required string Directory { get; init; }

    /// <summary>Encodes batches into the bytes of a part file.</summary>
    public required IBatchEncoder Encoder { get; init; }

    /// <summary>
    /// The first part of every file name (default <c>"part"</c>). It identifies this sink's files in the folder:
    /// sinks that share a folder must use prefixes of which none is a prefix of another followed by '-'
    /// (e.g. <c>"orders"</c> and <c>"orders-eu"</c> would collide).
    /// </summary>
    public string PartPrefix { get; init; } = "part";

    /// <summary>
    /// Files (absolute paths) that the sink's output replaces (<c>INSERT OVERWRITE</c>): deleted by the first commit, so
    /// they stay visible until the new files are (default none).
    /// </summary>
    public IReadOnlyList<string> ReplacedFiles { get; init; } = [];

    /// <summary>Appended to the name of committed files, e.g. <c>".csv"</c> (default empty).</summary>
    public string PartSuffix { get; init; } = "";

    /// <summary>
    /// The size at which a part file is rolled (closed and a new one started; default 128 MiB). A batch is never split:
    /// a part exceeds the size only when a single batch does. Parts are also rolled at every checkpoint.
    /// </summary>
    public long MaxPartSizeBytes { get; init; } = 128L * 1024 * 1024;
}
