using BenchmarkDotNet.Attributes;
using Sluice.Core.Keys;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Sources;

namespace Sluice.Benchmarks;

/// <summary>
/// The hash exchange on one 4096-element batch: key hashing alone, and the whole <c>RecordWriter</c> path (hash, key
/// group, target subtask, counting sort, one gathered batch per target, channel writes); the consumer side is drained
/// after each batch.
/// </summary>
[MemoryDiagnoser]
public class HashPartitioningBenchmarks
{
    private readonly ElementKeySelector<SequenceEvent, long> _keySelector = new(static e => e.Key, KeyHashers.Int64);
    private readonly int[] _hashes = new int[BenchmarkBatches.Size];
    private SequenceEvent[] _events = [];
    private LocalChannel[] _channels = [];
    private RecordWriter? _writer;
    private Signal? _consumer;
    private Signal? _producer;

    [Params(2, 4)]
    public int Targets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = BenchmarkBatches.Events(keys: 1024, spanMillis: 2_000);
        _consumer = new Signal();
        _producer = new Signal();
        _channels = new LocalChannel[Targets];
        for (var i = 0; i < Targets; i++)
        {
            _channels[i] = new LocalChannel(8, _consumer, _producer);
        }

        _writer = new RecordWriter(PartitionerKind.Hash, _channels, _keySelector, KeyGroups.DefaultMaxParallelism, subtaskIndex: 0,
            CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _consumer?.Dispose();
        _producer?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int BuildBatch()
    {
        using var batch = BenchmarkBatches.Batch(_events);
        return batch.RowCount;
    }

    [Benchmark]
    public int ComputeKeyHashes()
    {
        using var batch = BenchmarkBatches.Batch(_events);
        _keySelector.ComputeKeyHashes(batch, _hashes);
        return _hashes[^1];
    }

    [Benchmark]
    public int EmitHashed()
    {
        _writer!.Emit(BenchmarkBatches.Batch(_events));
        var rows = 0;
        foreach (var channel in _channels)
        {
            while (channel.TryRead(out var message))
            {
                if (message.Kind == MessageKind.Batch)
                {
                    rows += message.Batch!.RowCount;
                    message.Batch.Dispose();
                }
            }
        }

        return rows;
    }
}
