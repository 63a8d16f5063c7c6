using Sluice.DataStream.Functions;
using Sluice.DataStream.Watermarks;
using Sluice.Runtime.Execution;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Tests.Jobs;

[Collection(JobTestCollection.Name)]
public class DataStreamJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public readonly record struct Reading(int Sensor, long Time, double Value);

    private static List<Reading> Readings(int count) =>
        Enumerable.Range(0, count).Select(i => new Reading(i % 13, 1_000 + (i * 7L) - (i % 5 * 11), i % 17 * 0.5)).ToList();

    private static StreamExecutionEnvironment Env(int parallelism) => new(new StreamExecutionOptions { Parallelism = parallelism });

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task MapFilterFlatMap_AtParallelism_MatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var input = Enumerable.Range(0, 5_000).ToList();
        var stream = env.FromCollection(input).SetParallelism(parallelism)
            .Map(i => (long)i * 3)
            .Filter(i => i % 2 == 0)
            .FlatMap<long>((i, output) =>
            {
                output.Collect(i);
                if (i % 10 == 0)
                {
                    output.Collect(-i);
                }
            });

        var result = await env.ExecuteAndCollectAsync(stream).WaitAsync(Timeout);

        var expected = input.Select(i => (long)i * 3).Where(i => i % 2 == 0).SelectMany(i => i % 10 == 0 ? new[] { i, -i } : [i]);
        Assert.Equal(expected.Order(), result.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task KeyByReduce_AtParallelism_FinalValuePerKeyMatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var readings = Readings(3_000);
        var sums = env.FromCollection(readings)
            .Map(r => (r.Sensor, r.Value))
            .KeyBy(r => r.Sensor)
            .Reduce((a, b) => (a.Sensor, a.Value + b.Value));

        var result = await env.ExecuteAndCollectAsync(sums).WaitAsync(Timeout);

        Assert.Equal(readings.Count, result.Count);
        var final = result.GroupBy(r => r.Sensor).ToDictionary(g => g.Key, g => g.Max(r => r.Value));
        var expected = readings.GroupBy(r => r.Sensor).ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
        Assert.Equal(expected.OrderBy(e => e.Key), final.OrderBy(e => e.Key));
    }

    /// <summary>Per sensor, an event-time timer at the end of each 100 ms bucket emits the bucket's count (a hand-made tumbling window).</summary>
    private sealed class BucketCount : KeyedProcessFunction<int, Reading, (int Sensor, long Bucket, long Count)>
    {
        private IMapState<long, long>? _counts;

        public override void Open(RuntimeContext context) => _counts = context.GetMapState<long, long>("counts");

        public override void ProcessElement(Reading value, KeyedProcessContext<int> context, Collector<(int Sensor, long Bucket, long Count)> output)
        {
            var bucket = value.Time - (value.Time % 100);
            _counts!.Put(bucket, _counts.TryGet(bucket, out var n) ? n + 1 : 1);
            context.Timers.RegisterEventTimeTimer(bucket + 99);
        }

        public override void OnTimer(long timestamp, KeyedProcessContext<int> context, Collector<(int Sensor, long Bucket, long Count)> output)
        {
            var bucket = timestamp - 99;
            if (_counts!.TryGet(bucket, out var n))
            {
                output.Collect((context.Key, bucket, n));
                _counts.Remove(bucket);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task KeyedProcess_EventTimeTimers_FireOncePerBucket(int parallelism)
    {
        var env = Env(parallelism);
        var readings = Readings(4_000);
        var counts = env.FromCollection(readings, WatermarkStrategy<Reading>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50))
                .WithTimestampAssigner(r => r.Time))
            .KeyBy(r => r.Sensor)
            .Process(new BucketCount())
            .Uid("bucket-count");

        var result = await env.ExecuteAndCollectAsync(counts).WaitAsync(Timeout);

        var expected = readings.GroupBy(r => (r.Sensor, Bucket: r.Time - (r.Time % 100))).Select(g => (g.Key.Sensor, g.Key.Bucket, (long)g.Count()));
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class SplitOdd(OutputTag<string> odd) : ProcessFunction<int, int>
    {
        public override void ProcessElement(int value, ProcessContext context, Collector<int> output)
        {
            if (value % 2 == 0)
            {
                output.Collect(value);
            }
            else
            {
                context.Output(odd, $"odd {value}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task SideOutput_And_Union_RouteElementsOnce(int parallelism)
    {
        var env = Env(parallelism);
        var odd = new OutputTag<string>("odd");
        var main = env.FromCollection(Enumerable.Range(0, 1_000)).Process(new SplitOdd(odd));
        var oddLengths = main.GetSideOutput(odd).Map(s => -s.Length);
        var all = main.Map(i => i).Union(oddLengths);

        var result = await env.ExecuteAndCollectAsync(all).WaitAsync(Timeout);

        var expected = Enumerable.Range(0, 1_000).Select(i => i % 2 == 0 ? i : -$"odd {i}".Length);
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class Tagger : CoProcessFunction<int, string, string>
    {
        public override void ProcessElement1(int value, ProcessContext context, Collector<string> output) => output.Collect($"int {value}");

        public override void ProcessElement2(string value, ProcessContext context, Collector<string> output) => output.Collect($"string {value}");
    }

    [Fact]
    public async Task Connect_CoProcess_SeesBothInputs()
    {
        var env = Env(2);
        var stream = env.FromElements(1, 2).Connect(env.FromElements("a")).Process(new Tagger());
        var result = await env.ExecuteAndCollectAsync(stream).WaitAsync(Timeout);
        Assert.Equal(["int 1", "int 2", "string a"], result.Order());
    }

    private static async IAsyncEnumerable<int> Slowly(int count)
    {
        for (var i = 0; i < count; i++)
        {
            if (i % 100 == 0)
            {
                await Task.Yield();
            }

            yield return i;
        }
    }

    [Fact]
    public async Task FromAsyncEnumerable_ReadsEverything()
    {
        var env = Env(2);
        var result = await env.ExecuteAndCollectAsync(env.FromAsyncEnumerable(Slowly(2_500)).Map(i => i + 1)).WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(1, 2_500), result.Order());
    }

    /// <summary>Fails once, in the first attempt, after some elements: the restart must not lose or duplicate output.</summary>
    private sealed class FailOnce : KeyedProcessFunction<int, Reading, (int Sensor, long Count)>
    {
        private IValueState<long>? _count;
        private RuntimeContext? _context;
        private int _seen;

        public override void Open(RuntimeContext context)
        {
            _context = context;
            _count = context.GetValueState<long>("count");
        }

        public override void ProcessElement(Reading value, KeyedProcessContext<int> context, Collector<(int Sensor, long Count)> output)
        {
            if (_context!.AttemptNumber == 0 && _context.SubtaskIndex == 0 && ++_seen > 500)
            {
                throw new InvalidOperationException("Injected failure.");
            }

            var count = _count!.Value() + 1;
            _count.Update(count);
            output.Collect((context.Key, count));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Failure_WithRestart_OutputIsExactlyOnce(int parallelism)
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            Parallelism = parallelism,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
        });
        var readings = Readings(20_000);
        var counts = env.FromCollection(readings).KeyBy(r => r.Sensor).Process(new FailOnce()).Uid("count");

        var result = await env.ExecuteAndCollectAsync(counts).WaitAsync(Timeout);

        var expected = readings.GroupBy(r => r.Sensor).SelectMany(g => Enumerable.Range(1, g.Count()).Select(c => (g.Key, (long)c)));
        Assert.Equal(expected.Order(), result.Order());
    }

    [Fact]
    public async Task ExecuteAsync_FailingJob_ThrowsWithTheCause()
    {
        var env = Env(1);
        env.FromElements(1, 2, 3).Map<int>(i => i == 2 ? throw new InvalidOperationException("boom") : i).Print(writer: TextWriter.Null);
        var ex = await Assert.ThrowsAsync<Sluice.Core.Errors.JobException>(() => env.ExecuteAsync("failing").WaitAsync(Timeout));
        Assert.Contains("boom", ex.ToString());
    }

    [Fact]
    public async Task Print_WritesEveryElement()
    {
        var env = Env(1);
        using var writer = new StringWriter();
        env.FromElements("a", "b").Print("out", writer);
        var result = await env.ExecuteAsync("print").WaitAsync(Timeout);
        Assert.Equal(JobStatus.Finished, result.Status);
        Assert.Equal("out> a\nout> b\n", writer.ToString());
    }

    [Fact]
    public async Task Start_StopWithSavepoint_StopsWithASavepoint()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"sluice-ds-savepoint-{Guid.NewGuid():N}");
        try
        {
            // An unbounded job: an async sequence that yields slowly until cancelled.
            var env = new StreamExecutionEnvironment(new StreamExecutionOptions
            {
                Parallelism = 2,
                CheckpointDirectory = Path.Combine(dir, "checkpoints"),
                SavepointDirectory = Path.Combine(dir, "savepoints"),
            });
            var store = new Sluice.Testing.Sinks.CollectStore<(int, long)>();
            env.FromAsyncEnumerable(Endless()).KeyBy(i => i % 3).Reduce((a, b) => a + b)
                .Map(v => (v % 3, (long)v)).SinkTo(new Sluice.Testing.Sinks.CollectSink<(int, long)>(store));
            await using var job = env.Start("savepoint");
            await Eventually(() => job.Status == JobStatus.Running);
            var path = await job.StopWithSavepointAsync().WaitAsync(Timeout);
            var result = await job.Completion.WaitAsync(Timeout);
            Assert.Equal(JobStatus.Stopped, result.Status);
            Assert.True(Directory.Exists(path) || File.Exists(path), path);
            Assert.StartsWith(dir, Path.GetFullPath(path), StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    private static async IAsyncEnumerable<int> Endless()
    {
        for (var i = 0; ; i++)
        {
            await Task.Delay(1);
            yield return i;
        }
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException();
            }

            await Task.Delay(10);
        }
    }
}
