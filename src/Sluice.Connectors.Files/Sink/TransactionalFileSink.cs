using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.Serialization;

namespace Sluice.Connectors.Files.Sink;

/// <summary>
/// The reference two-phase-commit sink: writes part files into a directory with exactly-once visibility.
/// </summary>
/// <remarks>
/// <para><b>Protocol.</b> A writer appends to a hidden in-progress file
/// <c>.&lt;prefix&gt;-&lt;subtask&gt;-&lt;attempt&gt;-&lt;n&gt;.inprogress</c>, rolling to a new file when
/// <see cref="FileSinkOptions.MaxPartSizeBytes"/> would be exceeded. At each checkpoint
/// barrier (<see cref="ISinkWriter{T}.PrepareCommit"/>) it fsyncs the open file and renames it, and every file rolled
/// since, to hidden <c>.….pending</c> names, returning one <see cref="FileCommittable"/> per file. When the checkpoint
/// completes, the committer renames each pending file to its visible final name
/// <c>&lt;prefix&gt;-&lt;subtask&gt;-&lt;attempt&gt;-&lt;n&gt;&lt;suffix&gt;</c>.
/// Nothing is visible before its checkpoint completes.</para>
/// <para><b>Recovery.</b> After a restore the runtime commits the committables of the restored checkpoint again
/// (idempotent), then calls <see cref="ISinkCommitter{T}.AbortLeftovers"/>, which deletes every hidden file of this
/// sink's prefix left by another attempt: its data will be produced again from the restored positions.</para>
/// <para><b>Sharing a folder.</b> Several sinks may share a folder when their prefixes differ (see
/// <see cref="FileSinkOptions.PartPrefix"/>); two jobs must not use the same folder and prefix.</para>
/// </remarks>
public sealed class TransactionalFileSink : ISink<FileCommittable>
{
    /// <summary>The connector name used in errors.</summary>
    public const string ConnectorName = "filesystem";

    private readonly FileSinkOptions _options;
    private readonly string _directory;

    /// <summary>Creates the sink.</summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public TransactionalFileSink(FileSinkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Encoder, nameof(options));
        ValidateNamePart(options.PartPrefix, nameof(FileSinkOptions.PartPrefix), allowEmpty: false);
        ValidateNamePart(options.PartSuffix, nameof(FileSinkOptions.PartSuffix), allowEmpty: true);
        if (options.PartPrefix.StartsWith('.'))
        {
            throw new ArgumentException("PartPrefix must not start with '.' (that would hide committed files).", nameof(options));
        }

        if (options.MaxPartSizeBytes <= 0)
        {
            throw new ArgumentException($"MaxPartSizeBytes must be positive, not {options.MaxPartSizeBytes}.", nameof(options));
        }

        _options = options;
        _directory = Path.GetFullPath(options.Directory);
        CommittableSerializer = new FileCommittableSerializer(_directory);
    }

    /// <summary>The absolute path of the output folder.</summary>
    public string OutputDirectory => _directory;

    /// <inheritdoc />
    public ITypeSerializer<FileCommittable> CommittableSerializer { get; }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The attempt id cannot be part of a file name.</exception>
    public ISinkWriter<FileCommittable> CreateWriter(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ValidateNamePart(context.AttemptId, nameof(SinkContext.AttemptId), allowEmpty: false);
        return new FileSinkWriter(_directory, _options, context.SubtaskIndex, context.AttemptId);
    }

    /// <inheritdoc />
    public ISinkCommitter<FileCommittable> CreateCommitter(SinkContext context) => new FileSinkCommitter(_directory, _options.PartPrefix, _options.ReplacedFiles);

    private static void ValidateNamePart(string value, string name, bool allowEmpty)
    {
        if (value is null || (!allowEmpty && value.Length == 0)
            || value.IndexOfAny(['/', '\\']) >= 0 || value.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"{name} '{value}' cannot be part of a file name.", name);
        }
    }
}
