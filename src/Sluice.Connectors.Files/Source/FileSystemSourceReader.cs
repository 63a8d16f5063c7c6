using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Core.Errors;

namespace Sluice.Connectors.Files.Source;

/// <summary>
/// Reads the file splits of one subtask, one file after the other, and (when it holds the
/// <see cref="DirectoryWatchSplit"/>) rescans the directory for new files.
/// </summary>
/// <remarks>
/// <para><b>One poll</b> emits at most one batch: records are framed and decoded from the current file until the batch
/// is full, the file ends, or about 4 MiB were consumed (so that skipped bad records cannot stall checkpoints). The
/// split's offset then points after the last decoded record, so a snapshot between polls is exact.</para>
/// <para><b>Threading.</b> Called on the source task's thread only (see <see cref="ISourceReader{TSplit}"/>).</para>
/// </remarks>
internal sealed class FileSystemSourceReader : ISourceReader<FileSourceSplit>
{
    private const int MaxBytesPerPoll = 4 * 1024 * 1024;
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileSystemSource _source;
    private readonly SourceReaderContext _context;
    private readonly List<FileSplit> _files = [];
    private readonly IBatchDecoder _decoder;
    private DirectoryWatchSplit? _watch;
    private HashSet<string>? _seen;
    private bool _watchReported;
    private long _nextScan;

    // The open file: the stream, and the unconsumed bytes buffer[_start.._end) which begin at the split's offset.
    private FileStream? _stream;
    private string? _location;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;
    private object?[]? _partitionValues;

    public FileSystemSourceReader(FileSystemSource source, SourceReaderContext context)
    {
        _source = source;
        _context = context;
        _decoder = source.Options.CreateDecoder();
        _buffer = new byte[source.Options.ReadBufferSize];
    }

    /// <summary>The records skipped by the decoder because they did not parse (with <c>ignore-parse-errors</c>).</summary>
    public long SkippedRecords => _decoder.SkippedRecords;

    public void AddSplits(IReadOnlyList<FileSourceSplit> splits)
    {
        ArgumentNullException.ThrowIfNull(splits);
        foreach (var split in splits)
        {
            switch (split)
            {
                case FileSplit file:
                    _files.Add(file);
                    break;
                case DirectoryWatchSplit watch:
                    _watch = watch;
                    _seen = new HashSet<string>(watch.SeenFiles, StringComparer.Ordinal);
                    _nextScan = 0; // rescan at once: files may have appeared while the job was down
                    break;
            }
        }
    }

    public InputStatus PollNext(ISourceOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (_watch is not null)
        {
            if (!_watchReported)
            {
                // The watch emits no rows: take it out of the watermark minimum at once.
                output.SplitFinished(_watch.SplitId);
                _watchReported = true;
            }

            var now = _context.TimeProvider.GetTimestamp();
            if (now >= _nextScan)
            {
                Rescan();
                _nextScan = now + (long)(_source.Options.MonitorInterval!.Value.TotalSeconds * _context.TimeProvider.TimestampFrequency);
            }
        }

        if (_files.Count == 0)
        {
            return _watch is null ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
        }

        ReadBatch(output);
        return _files.Count > 0 ? InputStatus.MoreAvailable : _watch is null ? InputStatus.EndOfInput : InputStatus.NothingAvailable;
    }

    public IReadOnlyList<FileSourceSplit> SnapshotState(long checkpointId)
    {
        var state = new List<FileSourceSplit>(_files);
        if (_watch is not null)
        {
            state.Add(_watch with { SeenFiles = new HashSet<string>(_seen!, StringComparer.Ordinal) });
        }

        return state;
    }

    public void Dispose()
    {
        CloseFile();
        _decoder.Dispose();
    }

    private void Rescan()
    {
        foreach (var path in _source.ListFiles())
        {
            if (_seen!.Add(path))
            {
                _files.Add(new FileSplit(path));
            }
        }
    }

    private void ReadBatch(ISourceOutput output)
    {
        OpenFile(_files[0]);
        var split = _files[0]; // after OpenFile, which may move the offset past a byte-order mark
        var offset = split.Offset;
        var line = split.Line;
        var consumedThisPoll = 0L;
        while (_decoder.PendingRows < _source.Options.BatchSize && consumedThisPoll < MaxBytesPerPoll)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            if (_decoder.TryFrame(available, _eof, out var length, out var consumed))
            {
                _decoder.Decode(available[..length], RecordLocation.Line(_location!, line));
                line += available[..consumed].Count((byte)'\n');
                offset += consumed;
                consumedThisPoll += consumed;
                _start += consumed;
                continue;
            }

            if (_eof)
            {
                break;
            }

            Fill();
        }

        var batch = _decoder.Flush();
        if (batch is not null)
        {
            if (_source.Options.Partitions is { } partitions)
            {
                batch = partitions.Complete(batch, _partitionValues ??= partitions.ValuesOf(System.IO.Path.GetRelativePath(_source.RootPath, split.Path)));
            }

            output.Emit(split.SplitId, batch);
        }

        if (_eof && _start == _end)
        {
            CloseFile();
            _files.RemoveAt(0);
            output.SplitFinished(split.SplitId);
        }
        else
        {
            _files[0] = split with { Offset = offset, Line = line };
        }
    }

    private void OpenFile(FileSplit split)
    {
        if (_stream is not null)
        {
            return;
        }

        _location = "file " + split.Path;
        try
        {
            _stream = new FileStream(split.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1,
                FileOptions.SequentialScan);
            if (split.Offset > _stream.Length)
            {
                throw new ConnectorException(FileSystemSource.ConnectorName,
                    $"Cannot resume {_location} at byte {split.Offset}: the file has only {_stream.Length} bytes (was it replaced?).",
                    ErrorDomain.User, RetryHint.None);
            }

            _stream.Position = split.Offset;
        }
        catch (IOException ex)
        {
            CloseFile();
            throw new ConnectorException(FileSystemSource.ConnectorName, $"Cannot read {_location}: {ex.Message}", innerException: ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            CloseFile();
            throw new ConnectorException(FileSystemSource.ConnectorName, $"Cannot read {_location}: {ex.Message}", innerException: ex);
        }

        _start = 0;
        _end = 0;
        _eof = false;
        if (split.Offset == 0)
        {
            Fill();
            if (_buffer.AsSpan(_start, _end - _start).StartsWith(Utf8Bom))
            {
                _start += Utf8Bom.Length;
                _files[0] = split with { Offset = Utf8Bom.Length };
            }
        }
    }

    /// <summary>Reads more bytes after the unconsumed ones, moving them to the front or growing the buffer first.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        int read;
        try
        {
            read = _stream!.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (IOException ex)
        {
            throw new ConnectorException(FileSystemSource.ConnectorName, $"Cannot read {_location}: {ex.Message}", innerException: ex);
        }

        _end += read;
        _eof = read == 0;
    }

    private void CloseFile()
    {
        _partitionValues = null;
        _stream?.Dispose();
        _stream = null;
        _start = 0;
        _end = 0;
        _eof = false;
        if (_buffer.Length > _source.Options.ReadBufferSize)
        {
            _buffer = new byte[_source.Options.ReadBufferSize];
        }
    }
}
