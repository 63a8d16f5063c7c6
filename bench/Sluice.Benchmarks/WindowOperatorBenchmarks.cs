using BenchmarkDotNet.Attributes;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Testing;
using Sluice.Testing.Sources;

namespace Sluice.Benchmarks;

/// <summary>
/// The tumbling-window count operator on one 4096-element batch, driven through <see cref="OperatorHarness"/> (the same
/// chain node a task uses). <see cref="BuildBatch"/> is the cost of making the input batch, included in the others.
/// </summary>
[MemoryDiagnoser]
public class WindowOperatorBenchmarks
{
    private const long WindowMillis = 1_000;

    private SequenceEvent[] _events = [];
    private OperatorHarness? _harness;
    private long _shift;

    /// <summary>Distinct keys in the batch: few keys (long runs per key and window) or many.</summary>
    [Params(64, 4096)]
    public int Keys { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events = BenchmarkBatches.Events(Keys, spanMillis: 2 * WindowMillis);
        _harness = new OperatorHarness(new TumblingWindowOperator<SequenceEvent, long, long, long, (long, long, long)>(
            new TumblingWindowOptions<SequenceEvent, long, long, long, (long, long, long)>
            {
                KeySelector = static e => e.Key,
                KeySerializer = Serializers.Int64,
                KeyHasher = KeyHashers.Int64,
                Size = TimeSpan.FromMilliseconds(WindowMillis),
                Aggregate = CountAggregate<SequenceEvent>.Instance,
                AccumulatorSerializer = Serializers.Int64,
                ResultSelector = static (key, w, count) => (key, w.Start, count),
            }));
        _harness.Open();
        _shift = 0;
    }

    [GlobalCleanup]
    public void Cleanup() => _harness?.Dispose();

    [Benchmark(Baseline = true)]
    public int BuildBatch()
    {
        using var batch = BenchmarkBatches.Batch(_events);
        return batch.RowCount;
    }

    /// <summary>Steady state: the batch updates existing windows (state and timers exist); nothing fires.</summary>
    [Benchmark]
    public void ProcessBatch() => _harness!.ProcessBatch(BenchmarkBatches.Batch(_events));

    /// <summary>Full cycle: the batch opens two new windows per key, then a watermark fires and clears both.</summary>
    [Benchmark]
    public int ProcessBatchThenFire()
    {
        _shift += 2 * WindowMillis;
        _harness!.ProcessBatch(BenchmarkBatches.Batch(_events, _shift));
        _harness.ProcessWatermark(_shift + (2 * WindowMillis) - 1);
        var results = _harness.OutputBatches.Count;
        _harness.ClearOutput();
        return results;
    }
}
