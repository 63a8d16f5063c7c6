using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Metrics;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Runtime.Partitioning;
using Sluice.Testing.Sources;

namespace Sluice.Benchmarks;

/// <summary>
/// End-to-end throughput of the keyed event-time tumbling-window count: <see cref="SequenceSource"/> (batches of 4096,
/// no throttle, 1 s out of order) → hash by key → <see cref="TumblingWindowOperator{T, TKey, TAcc, TOut, TResult}"/>
/// count → <see cref="CountingSinkOperator{T}"/>, all at one parallelism, no checkpoints. One run per process, so the
/// peak working set belongs to this run.
/// </summary>
public static class WindowCountThroughput
{
    private const long OutOfOrdernessMillis = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        long events = 50_000_000;
        var parallelism = 2;
        long windowMillis = 10_000;
        var keys = 1024;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--events" when value is not null:
                    events = long.Parse(value.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--parallelism" when value is not null:
                    parallelism = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--window-ms" when value is not null:
                    windowMillis = long.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                case "--keys" when value is not null:
                    keys = int.Parse(value, CultureInfo.InvariantCulture);
                    i++;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown or incomplete option '{args[i]}'.");
                    return 1;
            }
        }

        // At least 4 splits so that every source subtask has work; keys are spread evenly over the splits.
        var splits = Math.Max(4, parallelism);
        var rowsPerSplit = events / splits;
        var source = new SequenceSource(new SequenceSourceOptions
        {
            Splits = splits,
            KeysPerSplit = Math.Max(1, keys / splits),
            RowsPerSplit = rowsPerSplit,
            BatchSize = 4096,
            StepMillis = 1,
            MaxOutOfOrdernessMillis = OutOfOrdernessMillis,
            RowsPerSecond = null,
        });
        var totalEvents = rowsPerSplit * splits;
        var counter = new RowCounter();
        var windowOperators = new List<TumblingWindowOperator<SequenceEvent, long, long, long, (long Key, long Start, long Count)>>();
        var graph = BuildGraph(source, counter, windowOperators, parallelism, windowMillis);

        Console.WriteLine(
            $"window-count: {totalEvents:N0} events, parallelism {parallelism}, {splits} splits x {source.Options.KeysPerSplit} keys, " +
            $"{windowMillis} ms windows, batches of {source.Options.BatchSize}, {Environment.ProcessorCount} cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, .NET {Environment.Version}");

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var client = LocalExecutor.Start(graph, new JobConfig());
        JobResult result;
        JobMetricsSnapshot metrics;
        await using (client.ConfigureAwait(false))
        {
            result = await client.Completion.ConfigureAwait(false);
            clock.Stop();
            metrics = client.Metrics.Snapshot();
        }

        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;

        if (result.Status != JobStatus.Finished)
        {
            Console.Error.WriteLine($"The job ended {result.Status}: {result.Failure}");
            return 2;
        }

        var late = windowOperators.Sum(o => o.LateElementsDropped);
        if (counter.Weight != totalEvents || late != 0)
        {
            Console.Error.WriteLine(
                $"Wrong result: the window counts add up to {counter.Weight:N0} of {totalEvents:N0} events ({late} late).");
            return 3;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var perSecond = totalEvents / seconds;
        var coresUsed = cpu.TotalSeconds / seconds;
        var perCore = totalEvents / cpu.TotalSeconds;
        Console.WriteLine();
        Console.WriteLine("| events | parallelism | seconds | events/s | cores busy (CPU/wall) | events/s per core | peak working set | " +
            "window results | allocated | GCs |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {totalEvents:N0} | {parallelism} | {seconds:F2} | {perSecond:N0} | {coresUsed:F2} | {perCore:N0} | " +
            $"{process.PeakWorkingSet64 / (1024.0 * 1024.0):F0} MiB | {counter.Rows:N0} | " +
            $"{allocated / (1024.0 * 1024.0):N0} MiB | {gcs} |"));

        // Where the time went, per task (a chained task reports the same busy time for each of its operators).
        Console.WriteLine();
        Console.WriteLine("| operator | subtask | records in | busy | busy % of wall | blocked on full outputs |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var o in metrics.Operators)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.OperatorName} | {o.SubtaskIndex} | {o.RecordsIn:N0} | {o.BusyTime.TotalSeconds:F2} s | " +
                $"{100 * o.BusyTime.TotalSeconds / seconds:F0}% | {o.BackpressuredTime.TotalSeconds:F2} s |"));
        }

        return 0;
    }

    private static JobGraph BuildGraph(SequenceSource source, RowCounter counter,
        List<TumblingWindowOperator<SequenceEvent, long, long, long, (long Key, long Start, long Count)>> windowOperators, int parallelism,
        long windowMillis)
    {
        var graph = new JobGraph("window-count-benchmark");
        var events = graph.AddSource("events", "Sequence source", parallelism,
            () => new SourceOperator<SequenceSplit>(source,
                WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromMilliseconds(OutOfOrdernessMillis))));
        var window = graph.AddOperator("window-count", "Count per key and window", parallelism, () =>
        {
            var op = new TumblingWindowOperator<SequenceEvent, long, long, long, (long Key, long Start, long Count)>(
                new TumblingWindowOptions<SequenceEvent, long, long, long, (long Key, long Start, long Count)>
                {
                    KeySelector = static e => e.Key,
                    KeySerializer = Serializers.Int64,
                    KeyHasher = KeyHashers.Int64,
                    Size = TimeSpan.FromMilliseconds(windowMillis),
                    Aggregate = CountAggregate<SequenceEvent>.Instance,
                    AccumulatorSerializer = Serializers.Int64,
                    ResultSelector = static (key, w, count) => (key, w.Start, count),
                });
            lock (windowOperators)
            {
                windowOperators.Add(op);
            }

            return op;
        });
        var sink = graph.AddOperator("blackhole", "Counting sink", parallelism,
            () => new CountingSinkOperator<(long Key, long Start, long Count)>(counter, static r => r.Count));
        graph.Connect(events, window, PartitionerKind.Hash,
            new ElementKeySelector<SequenceEvent, long>(static e => e.Key, KeyHashers.Int64));
        graph.Connect(window, sink, PartitionerKind.Forward);
        return graph;
    }
}
