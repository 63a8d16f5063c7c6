using System.Collections.Concurrent;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Sinks;
using Sluice.Testing.Sources;

namespace Sluice.Integration.Tests.Determinism;

/// <summary>
/// Event-time results do not depend on parallelism, thread scheduling or arrival order: a keyed tumbling-window count
/// over out-of-order input gives the same multiset of (key, window start, count) at parallelism 1, 2 and 4, equal to
/// a computation over the whole input with LINQ. No element is late (the watermark bound matches the source's
/// out-of-orderness) and every window completes (the bounded job ends with the maximum watermark).
/// </summary>
[Trait("Category", "Integration")]
public sealed class WindowDeterminismTests
{
    private const long WindowMillis = 1_000;
    private const long OutOfOrdernessMillis = 700;

    [Fact]
    public async Task KeyedWindowCount_OutOfOrderInput_SameResultsAtParallelism1_2_4_EqualToLinq()
    {
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = 4,
            KeysPerSplit = 16,
            RowsPerSplit = 25_000,
            BatchSize = 200,
            StepMillis = 7,
            MaxOutOfOrdernessMillis = OutOfOrdernessMillis,
        });
        var expected = ExpectedWithLinq(source);
        Assert.True(expected.Count > 10_000, $"only {expected.Count} windows");

        var results = new Dictionary<int, List<(long Key, long WindowStart, long Count)>>();
        foreach (var parallelism in new[] { 1, 2, 4 })
        {
            var store = new CollectStore<(long Key, long WindowStart, long Count)>();
            var operators = new ConcurrentBag<TumblingWindowOperator<SequenceEvent, long, long, long, (long, long, long)>>();
            var result = await LocalExecutor.RunAsync(WindowCountJob(source, store, operators, parallelism), new JobConfig());

            Assert.True(result.Status == JobStatus.Finished, $"parallelism {parallelism}: {result.Status} {result.Failure}");
            Assert.Equal(parallelism, operators.Count);
            Assert.Equal(0, operators.Sum(o => o.LateElementsDropped));
            results[parallelism] = [.. store.Committed.Order()];
        }

        Assert.Equal(results[1], results[2]);
        Assert.Equal(results[1], results[4]);
        Assert.Equal(expected, results[1]);
    }

    /// <summary>source → hash(key) → tumbling window count → collect sink.</summary>
    private static JobGraph WindowCountJob(SequenceSource source, CollectStore<(long Key, long WindowStart, long Count)> store,
        ConcurrentBag<TumblingWindowOperator<SequenceEvent, long, long, long, (long, long, long)>> operators, int parallelism)
    {
        var graph = new JobGraph("window-count-determinism");
        var events = graph.AddSource("events", "Sequence source", parallelism,
            () => new SourceOperator<SequenceSplit>(source,
                WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(source.Options.MaxOutOfOrdernessMillis))));
        var window = graph.AddOperator("window-count", "Count per key and window", parallelism, () =>
        {
            var op = new TumblingWindowOperator<SequenceEvent, long, long, long, (long, long, long)>(
                new TumblingWindowOptions<SequenceEvent, long, long, long, (long, long, long)>
                {
                    KeySelector = e => e.Key,
                    KeySerializer = Serializers.Int64,
                    KeyHasher = KeyHashers.Int64,
                    Size = TimeSpan.FromMilliseconds(WindowMillis),
                    Aggregate = CountAggregate<SequenceEvent>.Instance,
                    AccumulatorSerializer = Serializers.Int64,
                    ResultSelector = static (key, w, count) => (key, w.Start, count),
                });
            operators.Add(op);
            return op;
        });
        var sink = graph.AddOperator("sink", "Collect sink", parallelism,
            () => new SinkOperator<string>(new CollectSink<(long Key, long WindowStart, long Count)>(store)));
        graph.Connect(events, window, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
        graph.Connect(window, sink, PartitionerKind.Forward);
        return graph;
    }

    /// <summary>The same counts computed over the whole input at once (window start by floored division).</summary>
    private static List<(long Key, long WindowStart, long Count)> ExpectedWithLinq(SequenceSource source) =>
        source.AllEvents()
            .GroupBy(e => (e.Key, WindowStart: (long)Math.Floor(e.Timestamp / (double)WindowMillis) * WindowMillis))
            .Select(g => (g.Key.Key, g.Key.WindowStart, Count: (long)g.Count()))
            .Order()
            .ToList();
}
