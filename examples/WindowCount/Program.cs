// The main example: a keyed event-time tumbling-window count at parallelism 2, exactly once into files,
// with checkpoints, a crash on the way and a restart from the last checkpoint; then the committed output
// is checked against the input.
using System.Diagnostics;
using Sluice.Connectors.Files.Formats;
using Sluice.Connectors.Files.Sink;
using Sluice.Core.Keys;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Execution;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators.Sinks;
using Sluice.Runtime.Operators.Sources;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Runtime.Partitioning;
using Sluice.State.Checkpoints;
using Sluice.Testing.Sources;
using WindowCount;

var workDir = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), $"sluice-window-count-{Environment.ProcessId}");
var output = Path.Combine(workDir, "output");
var checkpoints = Path.Combine(workDir, "checkpoints");
if (Directory.Exists(workDir))
{
    Directory.Delete(workDir, recursive: true);
}

Directory.CreateDirectory(output);
const int Parallelism = 2;

// 2 million events over 4 splits and 256 keys, up to 2 s out of order.
var source = new SequenceSource(new SequenceSourceOptions
{
    Splits = 4,
    KeysPerSplit = 64,
    RowsPerSplit = 500_000,
    BatchSize = 1024,
    StepMillis = 2,
    MaxOutOfOrdernessMillis = 2_000,
});

var graph = new JobGraph("window-count");
var events = graph.AddSource("events", "Events", Parallelism,
    () => new SourceOperator<SequenceSplit>(source, WatermarkStrategy.BoundedOutOfOrderness(TimeSpan.FromSeconds(2))));
var crash = graph.AddOperator("crash-once", "Crash once", Parallelism, () => new FailOnceOperator(failAfterRows: 400_000));
var window = graph.AddOperator("count-per-window", "Count per key and second", Parallelism,
    () => new TumblingWindowOperator<SequenceEvent, long, long, long, WindowResult>(new TumblingWindowOptions<SequenceEvent, long, long, long, WindowResult>
    {
        KeySelector = e => e.Key,
        KeySerializer = Serializers.Int64,
        KeyHasher = KeyHashers.Int64,
        Size = TimeSpan.FromSeconds(1),
        Aggregate = CountAggregate<SequenceEvent>.Instance,
        AccumulatorSerializer = Serializers.Int64,
        ResultSelector = (key, w, count) => new WindowResult(key, w.Start, count),
    }));
var files = graph.AddOperator("files", "Files", Parallelism, () => new SinkOperator<FileCommittable>(new TransactionalFileSink(
    new FileSinkOptions { Directory = output, Encoder = LineEncoder.ForElements<WindowResult>(r => r.ToLine()), PartSuffix = ".csv" })));
graph.Connect(events, crash, PartitionerKind.Forward);
graph.Connect(crash, window, PartitionerKind.Hash, new ElementKeySelector<SequenceEvent, long>(e => e.Key, KeyHashers.Int64));
graph.Connect(window, files, PartitionerKind.Forward);

var config = new JobConfig
{
    CheckpointInterval = TimeSpan.FromMilliseconds(200),
    CheckpointStorage = new DirectoryCheckpointStorage(checkpoints),
    RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(500)),
};

Console.WriteLine($"Running '{graph.Name}' at parallelism {Parallelism}: 2,000,000 events, checkpoints every 200 ms into {checkpoints}");
var clock = Stopwatch.StartNew();
await using var job = LocalExecutor.Start(graph, config);
var lastStatus = job.Status;
while (!job.Completion.IsCompleted)
{
    await Task.WhenAny(job.Completion, Task.Delay(100));
    if (job.Status != lastStatus)
    {
        lastStatus = job.Status;
        Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1}s  job is {lastStatus}" +
            (lastStatus == JobStatus.Restarting ? $" (restoring from checkpoint {job.LatestCheckpoint?.CheckpointId})" : ""));
    }
}

var result = await job.Completion;
Console.WriteLine($"  {clock.Elapsed.TotalSeconds,5:F1}s  job {result.Status}: {result.Restarts} restart(s), " +
    $"{job.Metrics.CheckpointsCompleted} checkpoint(s) completed");
if (result.Status != JobStatus.Finished)
{
    Console.Error.WriteLine(result.Failure);
    return 1;
}

// The report: read the committed files and compare with a straightforward computation over the input.
var committed = Directory.GetFiles(output).Where(f => !Path.GetFileName(f).StartsWith('.'))
    .SelectMany(File.ReadLines).Select(WindowResult.Parse).ToList();
var expected = source.AllEvents()
    .GroupBy(e => (e.Key, Start: e.Timestamp - (((e.Timestamp % 1000) + 1000) % 1000)))
    .Select(g => new WindowResult(g.Key.Key, g.Key.Start, g.LongCount()))
    .ToHashSet();
var exact = committed.Count == expected.Count && committed.All(expected.Contains);
Console.WriteLine();
Console.WriteLine($"Committed {committed.Count:N0} window results ({committed.Sum(r => r.Count):N0} events) in " +
    $"{Directory.GetFiles(output).Length} part files under {output}");
Console.WriteLine("Busiest windows:");
foreach (var r in committed.OrderByDescending(r => r.Count).ThenBy(r => r.Key).Take(5))
{
    Console.WriteLine($"  key {r.Key,4}  window {DateTimeOffset.FromUnixTimeMilliseconds(r.WindowStart):HH:mm:ss}  {r.Count,4} events");
}

Console.WriteLine(exact
    ? "Exactly once: every window result matches the input, none lost, none duplicated."
    : "MISMATCH: the committed output differs from the input.");
return exact ? 0 : 2;
