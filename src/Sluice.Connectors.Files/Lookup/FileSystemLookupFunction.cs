using Sluice.Connectors.Abstractions.Source;
using Sluice.Connectors.Abstractions.Table;
using Sluice.Connectors.Files.Source;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Vectors;

namespace Sluice.Connectors.Files.Lookup;

/// <summary>
/// Looks rows of a <c>filesystem</c> table up by key: the first lookup reads every file of the table (with the scan's
/// reader, so hidden files are skipped and bad records fail or are skipped as the format says) into memory and indexes
/// it by the key columns; the table is read again once <c>lookup.join.cache.ttl</c> has passed on the job's clock, so
/// files that change are picked up (as Flink's filesystem lookup). One copy per subtask.
/// </summary>
/// <remarks><b>Threading.</b> Called on the task thread only.</remarks>
internal sealed class FileSystemLookupFunction(FileSystemSourceOptions options, Schema schema, int[] keyColumns, TimeSpan reloadInterval) : ILookupFunction
{
    // The key batch holds the key columns in order: its columns 0..n-1.
    private readonly int[] _keyBatchColumns = [.. Enumerable.Range(0, keyColumns.Length)];
    private readonly List<int> _matchedRows = [];
    private readonly List<int> _matchedKeys = [];
    private TimeProvider _clock = TimeProvider.System;
    private RecordBatch? _table;
    private Dictionary<byte[], int[]>.AlternateLookup<ReadOnlySpan<byte>> _index;
    private DateTimeOffset _loadedAt;
    private byte[] _key = new byte[64];

    /// <summary>The number of times the table was read (for tests).</summary>
    public int Loads { get; private set; }

    public void Open(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _clock = clock;
    }

    public LookupResult Lookup(RecordBatch keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var table = EnsureLoaded();
        _matchedRows.Clear();
        _matchedKeys.Clear();
        for (var i = 0; i < keys.RowCount; i++)
        {
            var length = LookupKeyEncoder.Encode(keys, _keyBatchColumns, keys.PhysicalRow(i), ref _key);
            if (length >= 0 && _index.TryGetValue(_key.AsSpan(0, length), out var rows))
            {
                foreach (var row in rows)
                {
                    _matchedRows.Add(row);
                    _matchedKeys.Add(i);
                }
            }
        }

        var found = table.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_matchedRows));
        return new LookupResult(found, [.. _matchedKeys]);
    }

    public void Dispose()
    {
        _table?.Dispose();
        _table = null;
    }

    private RecordBatch EnsureLoaded()
    {
        var now = _clock.GetUtcNow();
        if (_table is not null && now - _loadedAt < reloadInterval)
        {
            return _table;
        }

        var table = Read();
        var index = new Dictionary<byte[], List<int>>(ByteKeyComparer.Instance);
        var lookup = index.GetAlternateLookup<ReadOnlySpan<byte>>();
        var buffer = new byte[64];
        for (var row = 0; row < table.RowCount; row++)
        {
            var length = LookupKeyEncoder.Encode(table, keyColumns, row, ref buffer);
            if (length < 0)
            {
                continue;
            }

            if (!lookup.TryGetValue(buffer.AsSpan(0, length), out var rows))
            {
                rows = [];
                lookup[buffer.AsSpan(0, length)] = rows;
            }

            rows.Add(row);
        }

        var frozen = new Dictionary<byte[], int[]>(index.Count, ByteKeyComparer.Instance);
        foreach (var (key, rows) in index)
        {
            frozen[key] = [.. rows];
        }

        _table?.Dispose();
        _table = table;
        _index = frozen.GetAlternateLookup<ReadOnlySpan<byte>>();
        _loadedAt = now;
        Loads++;
        return table;
    }

    /// <summary>Every record of the table's files, in one batch.</summary>
    private RecordBatch Read()
    {
        var source = new FileSystemSource(options);
        var output = new Collector();
        try
        {
            using (var reader = source.CreateReader(new SourceReaderContext(0, 1, _clock)))
            {
                reader.AddSplits(source.DiscoverSplits(1));
                while (reader.PollNext(output) != InputStatus.EndOfInput)
                {
                }
            }

            return Concatenate(output.Batches);
        }
        finally
        {
            foreach (var batch in output.Batches)
            {
                batch.Dispose();
            }
        }
    }

    private RecordBatch Concatenate(List<RecordBatch> batches)
    {
        var rows = batches.Sum(b => b.RowCount);
        using var builder = new RecordBatchBuilder(schema, Math.Max(1, rows));
        foreach (var batch in batches)
        {
            for (var i = 0; i < batch.RowCount; i++)
            {
                var row = batch.PhysicalRow(i);
                for (var c = 0; c < schema.Count; c++)
                {
                    builder.Column(c).Append(batch.Column(c).GetValue(row));
                }
            }
        }

        return builder.Build();
    }

    private sealed class Collector : ISourceOutput
    {
        public List<RecordBatch> Batches { get; } = [];

        public void Emit(string splitId, IBatch batch) => Batches.Add((RecordBatch)batch);

        public void SplitFinished(string splitId)
        {
        }
    }
}
