using System.Buffers;
using Sluice.Connectors.Abstractions.Formats;
using Sluice.Connectors.Abstractions.Sink;
using Sluice.Core.IO;
using Sluice.Core.Batches;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Files.Sink;

/// <summary>
/// The writer of one subtask of a <see cref="TransactionalFileSink"/>: appends encoded batches to a hidden in-progress
/// part file, rolls it by size, and at each checkpoint fsyncs it and renames it to a hidden pending file.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Called on the sink task's thread only. <b>Dispose</b> closes the open file without publishing it;
/// it and any pending file not yet handed out stay hidden until <see cref="ISinkCommitter{T}.AbortLeftovers"/> of a
/// later attempt deletes them.
/// </remarks>
internal sealed class FileSinkWriter : ISinkWriter<FileCommittable>
{
    private const int FileBufferSize = 64 * 1024;

    private readonly string _directory;
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly long _maxPartSize;
    private readonly IBatchEncoder _encoder;
    private readonly int _subtask;
    private readonly string _attemptId;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly List<FileCommittable> _rolled = [];
    private FileStream? _current;
    private PartFileName _currentName;
    private long _currentSize;
    private readonly Func<long> _counter;
    private long _nextCounter;
    private bool _disposed;

    /// <param name="directory">The folder the part files go to.</param>
    /// <param name="options">The encoder, part names and rolling size.</param>
    /// <param name="subtask">The subtask index, part of every file name.</param>
    /// <param name="attemptId">The attempt id, part of every file name.</param>
    /// <param name="nextCounter">Hands out part counters; shared by the writers of one subtask that may write the same
    /// folder one after another (a partition's writer released and created again), so that names never repeat.
    /// Default: a counter of this writer's own.</param>
    public FileSinkWriter(string directory, FileSinkOptions options, int subtask, string attemptId, Func<long>? nextCounter = null)
    {
        _counter = nextCounter ?? (() => _nextCounter++);
        _directory = directory;
        _prefix = options.PartPrefix;
        _suffix = options.PartSuffix;
        _maxPartSize = options.MaxPartSizeBytes;
        _encoder = options.Encoder;
        _subtask = subtask;
        _attemptId = attemptId;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure($"cannot create the output folder '{directory}': {ex.Message}", ex);
        }
    }

    public void Write(IBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.RowCount == 0)
        {
            return;
        }

        _buffer.ResetWrittenCount();
        _encoder.Encode(batch, _buffer);
        var bytes = _buffer.WrittenSpan;
        if (bytes.IsEmpty)
        {
            return;
        }

        if (_current is not null && _currentSize + bytes.Length > _maxPartSize)
        {
            _rolled.Add(ClosePart());
        }

        var stream = _current ?? OpenPart();
        try
        {
            stream.Write(bytes);
        }
        catch (IOException ex)
        {
            throw Failure($"cannot write '{stream.Name}': {ex.Message}", ex);
        }

        _currentSize += bytes.Length;
        if (_currentSize >= _maxPartSize)
        {
            _rolled.Add(ClosePart());
        }
    }

    public IReadOnlyList<FileCommittable> PrepareCommit(long checkpointId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_current is not null)
        {
            _rolled.Add(ClosePart());
        }

        if (_rolled.Count == 0)
        {
            return [];
        }

        var committables = _rolled.ToArray();
        _rolled.Clear();
        return committables;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _current?.Dispose();
        }
        catch (IOException)
        {
            // The file is abandoned anyway; a later attempt deletes it.
        }

        _current = null;
    }

    private FileStream OpenPart()
    {
        _currentName = new PartFileName(_prefix, _subtask, _attemptId, _counter());
        var path = Path.Combine(_directory, _currentName.InProgressName);
        try
        {
            _current = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, FileBufferSize);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure($"cannot create the part file '{path}': {ex.Message}", ex);
        }

        _currentSize = 0;
        return _current;
    }

    /// <summary>Fsyncs and closes the open part and renames it to its pending name.</summary>
    private FileCommittable ClosePart()
    {
        var stream = _current!;
        _current = null;
        var inProgress = Path.Combine(_directory, _currentName.InProgressName);
        var pending = Path.Combine(_directory, _currentName.PendingName);
        try
        {
            using (stream)
            {
                stream.Flush(flushToDisk: true);
            }

            File.Move(inProgress, pending, overwrite: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Failure($"cannot pre-commit the part file '{inProgress}': {ex.Message}", ex);
        }

        DurableFiles.SyncDirectory(_directory);
        return new FileCommittable(pending, Path.Combine(_directory, _currentName.FinalName(_suffix)));
    }

    private static ConnectorException Failure(string message, Exception inner) =>
        new(TransactionalFileSink.ConnectorName, message, ErrorDomain.External, RetryHint.WithBackoff, inner);
}
