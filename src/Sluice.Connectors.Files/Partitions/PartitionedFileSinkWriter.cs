using Sluice.Connectors.Abstractions.Sink;
using Sluice.Connectors.Files.Sink;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Files.Partitions;

/// <summary>
/// The writer of one subtask of a <see cref="PartitionedFileSink"/>: routes each row to the part files of its
/// partition's folder (one <see cref="FileSinkWriter"/> per partition, which rolls its files by size and at
/// checkpoints), without the partition columns; pre-commits every partition's files, the marks of the partitions it
/// wrote that are not committed yet, and its progress (for the <see cref="PartitionCommitCoordinator"/>).
/// </summary>
/// <remarks>
/// <para><b>Writer lifetime.</b> As the buckets of Flink's streaming file sink, which become inactive once their part
/// files are rolled and handed to the committer and are then removed: every pre-commit closes each partition's open
/// part file, and a partition that got no row since the previous checkpoint is released after it, so only the
/// partitions written in the last two checkpoint intervals hold a writer (a job with hourly partitions keeps one or
/// two, not one per hour ever written). A partition written again gets a new writer; part counters come from one
/// counter per subtask, so its new files never take the names of its committed ones.</para>
/// </remarks>
/// <remarks><b>Threading.</b> Called on the sink task's thread only.</remarks>
internal sealed class PartitionedFileSinkWriter : ISinkWriter<PartitionedFileCommittable>, IWatermarkAwareSinkWriter
{
    private readonly PartitionedFileSinkOptions _options;
    private readonly FileSinkOptions _fileOptions;
    private readonly string _directory;
    private readonly SinkContext _context;
    private readonly PartitionTracker _tracker;
    private readonly PartitionCommitCoordinator _coordinator;
    private readonly Action _release;
    private readonly int[] _keyColumns;
    private readonly int[] _dataColumns;
    private readonly Schema _dataSchema;
    private readonly Dictionary<string, FileSinkWriter> _writers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _rows = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writtenSinceCheckpoint = new(StringComparer.Ordinal);
    private readonly List<string> _idle = [];
    private readonly Func<long> _nextCounter;
    private long _partCounter;
    private readonly string?[] _values;
    private bool _disposed;

    public PartitionedFileSinkWriter(string directory, PartitionedFileSinkOptions options, SinkContext context, PartitionTracker tracker, PartitionCommitCoordinator coordinator, Action release)
    {
        _coordinator = coordinator;
        _directory = directory;
        _options = options;
        _context = context;
        _tracker = tracker;
        _release = release;
        _keyColumns = [.. options.PartitionKeys.Select(options.Schema.IndexOf)];
        _dataColumns = [.. Enumerable.Range(0, options.Schema.Count).Where(i => !_keyColumns.Contains(i))];
        _dataSchema = options.DataSchema;
        _values = new string?[_keyColumns.Length];
        _nextCounter = () => _partCounter++;
        _fileOptions = new FileSinkOptions
        {
            Directory = directory,
            Encoder = options.Encoder,
            PartPrefix = options.PartPrefix,
            MaxPartSizeBytes = options.MaxPartSizeBytes,
        };
    }

    public void Write(IBatch batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (batch.RowCount == 0)
        {
            return;
        }

        var records = (RecordBatch)batch;
        foreach (var list in _rows.Values)
        {
            list.Clear();
        }

        for (var row = 0; row < records.RowCount; row++)
        {
            var physical = records.PhysicalRow(row);
            for (var k = 0; k < _keyColumns.Length; k++)
            {
                var column = records.Column(_keyColumns[k]);
                _values[k] = PartitionValues.Format(column.GetValue(physical), column.DataType);
            }

            var partition = PartitionPath.Build(_options.PartitionKeys, _values, _options.DefaultPartitionName);
            if (!_rows.TryGetValue(partition, out var rows))
            {
                _rows[partition] = rows = [];
            }

            rows.Add(row);
        }

        var now = _context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (partition, rows) in _rows)
        {
            if (rows.Count == 0)
            {
                continue;
            }

            using var gathered = records.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
            var columns = new ColumnVector[_dataColumns.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = gathered.Column(_dataColumns[i]).Retain();
            }

            using var data = new RecordBatch(_dataSchema, columns, gathered.RowCount, gathered.RowKinds);
            WriterOf(partition).Write(data);
            _writtenSinceCheckpoint.Add(partition);
            _tracker.Touch(partition, now);
        }

        // Partitions no longer written keep no row lists.
        if (_rows.Count > 1024)
        {
            _rows.Clear();
        }
    }

    public IReadOnlyList<PartitionedFileCommittable> PrepareCommit(long checkpointId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var result = new List<PartitionedFileCommittable>();
        foreach (var (partition, writer) in _writers)
        {
            foreach (var file in writer.PrepareCommit(checkpointId))
            {
                result.Add(new PartitionedFileCommittable(partition, file, 0));
            }

            if (!_writtenSinceCheckpoint.Contains(partition))
            {
                _idle.Add(partition);
            }
        }

        // The files of every partition were just closed and handed on; a partition without rows since the previous
        // checkpoint is inactive and its writer is released.
        foreach (var partition in _idle)
        {
            _writers.Remove(partition, out var writer);
            writer!.Dispose();
            _rows.Remove(partition);
        }

        _idle.Clear();
        _writtenSinceCheckpoint.Clear();

        _tracker.Seal(checkpointId);
        _coordinator.PreCommitting(_context.SubtaskIndex, checkpointId);
        List<string>? committed = null;
        foreach (var (partition, (created, data)) in _tracker.Written)
        {
            if (_coordinator.IsCommitted(partition, data))
            {
                (committed ??= []).Add(partition);
            }
            else
            {
                result.Add(new PartitionedFileCommittable(partition, null, created, data));
            }
        }

        foreach (var partition in committed ?? [])
        {
            _tracker.Remove(partition);
        }

        result.Add(new PartitionedFileCommittable("", null, 0, long.MinValue,
            new WriterProgress(_context.SubtaskIndex, _context.AttemptId, checkpointId, _tracker.Watermark, _tracker.EndOfInput)));
        return result;
    }

    public void Finish() => _tracker.EndOfInput = true;

    public void OnWatermark(long timestamp) => _tracker.AdvanceWatermark(timestamp);

    /// <summary>The number of partitions that hold a writer (for tests: bounded by the partitions of the last two checkpoint intervals).</summary>
    internal int OpenWriterCount => _writers.Count;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var writer in _writers.Values)
        {
            writer.Dispose();
        }

        _writers.Clear();
        _release();
    }

    private FileSinkWriter WriterOf(string partition)
    {
        if (!_writers.TryGetValue(partition, out var writer))
        {
            var folder = Path.Combine(_directory, partition.TrimEnd('/').Replace('/', Path.DirectorySeparatorChar));
            writer = new FileSinkWriter(folder, _fileOptions, _context.SubtaskIndex, _context.AttemptId, _nextCounter);
            _writers[partition] = writer;
        }

        return writer;
    }
}
