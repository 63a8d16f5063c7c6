using Sluice.DataStream.Functions;
using Sluice.DataStream.Watermarks;
using Sluice.DataStream.Windowing;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Tests.Windows;

[Collection(JobTestCollection.Name)]
public class WindowJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public readonly record struct Reading(int Sensor, long Time, int Value);

    /// <summary>Readings out of order by at most 40 ms (the watermark bound is 50 ms, so none is late).</summary>
    private static List<Reading> Readings(int count) =>
        Enumerable.Range(0, count).Select(i => new Reading(i % 11, 1_000 + (i * 3L) - (i % 5 * 10), i % 17)).ToList();

    private static DataStream<Reading> Source(StreamExecutionEnvironment env, List<Reading> readings) =>
        env.FromCollection(readings, WatermarkStrategy<Reading>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)).WithTimestampAssigner(r => r.Time));

    private static StreamExecutionEnvironment Env(int parallelism) => new(new StreamExecutionOptions { Parallelism = parallelism });

    private sealed class Describe : ProcessWindowFunction<int, (int Sensor, long Start, long End, int Sum), int>
    {
        public override void Process(int key, ProcessWindowContext context, IEnumerable<int> elements, Collector<(int Sensor, long Start, long End, int Sum)> output) =>
            output.Collect((key, context.Window.Start, context.Window.End, elements.Single()));
    }

    private sealed class CountAggregate : IAggregateFunction<Reading, long, long>
    {
        public long CreateAccumulator() => 0;

        public long Add(Reading value, long accumulator) => accumulator + 1;

        public long GetResult(long accumulator) => accumulator;

        public long Merge(long a, long b) => a + b;
    }

    private sealed class CountPerWindow : ProcessWindowFunction<long, (int Sensor, long Start, long Count), int>
    {
        public override void Process(int key, ProcessWindowContext context, IEnumerable<long> elements, Collector<(int Sensor, long Start, long Count)> output) =>
            output.Collect((key, context.Window.Start, elements.Single()));
    }

    private sealed class SessionSummary : ProcessWindowFunction<Reading, (int Sensor, long Start, long End, int Count), int>
    {
        public override void Process(int key, ProcessWindowContext context, IEnumerable<Reading> elements, Collector<(int Sensor, long Start, long End, int Count)> output) =>
            output.Collect((key, context.Window.Start, context.Window.End, elements.Count()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task TumblingReduceWithWindowFunction_MatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var readings = Readings(4_000);
        var sums = Source(env, readings)
            .Map(r => (r.Sensor, r.Value))
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .Reduce((a, b) => (a.Sensor, a.Value + b.Value), new ProjectValue())
            .Uid("tumbling-sums");

        var result = await env.ExecuteAndCollectAsync(sums).WaitAsync(Timeout);

        var expected = readings.GroupBy(r => (r.Sensor, Start: r.Time - (r.Time % 100)))
            .Select(g => (g.Key.Sensor, g.Key.Start, g.Key.Start + 100, g.Sum(r => r.Value)));
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class ProjectValue : ProcessWindowFunction<(int Sensor, int Value), (int Sensor, long Start, long End, int Sum), int>
    {
        public override void Process(int key, ProcessWindowContext context, IEnumerable<(int Sensor, int Value)> elements,
            Collector<(int Sensor, long Start, long End, int Sum)> output) =>
            output.Collect((key, context.Window.Start, context.Window.End, elements.Single().Value));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task SlidingAggregate_MatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var readings = Readings(3_000);
        var counts = Source(env, readings)
            .KeyBy(r => r.Sensor)
            .Window(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)))
            .Aggregate(new CountAggregate(), new CountPerWindow());

        var result = await env.ExecuteAndCollectAsync(counts).WaitAsync(Timeout);

        var expected = readings
            .SelectMany(r => Enumerable.Range(0, 4).Select(k => (r.Sensor, Start: r.Time - (r.Time % 50) - (k * 50L))))
            .GroupBy(x => x)
            .Select(g => (g.Key.Sensor, g.Key.Start, (long)g.Count()));
        Assert.Equal(expected.Order(), result.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Sessions_MatchLinq(int parallelism)
    {
        var env = Env(parallelism);
        // Per sensor bursts: 5 readings 10 ms apart, then a 300 ms pause; delivered slightly out of order.
        var readings = Enumerable.Range(0, 2_000)
            .Select(i => new Reading(i % 7, 10_000 + (i / 7 / 5 * 400L) + (i / 7 % 5 * 10), i))
            .OrderBy(r => r.Time + (r.Value % 3 * 7)).ToList();
        var sessions = Source(env, readings)
            .KeyBy(r => r.Sensor)
            .Window(EventTimeSessionWindows.WithGap(TimeSpan.FromMilliseconds(100)))
            .Process(new SessionSummary());

        var result = await env.ExecuteAndCollectAsync(sessions).WaitAsync(Timeout);

        var expected = readings.GroupBy(r => (r.Sensor, Burst: (r.Time - 10_000) / 400))
            .Select(g => (g.Key.Sensor, g.Min(r => r.Time), g.Max(r => r.Time) + 100, g.Count()));
        Assert.Equal(expected.Order(), result.Order());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task LateData_GoesToTheSideOutput(int parallelism)
    {
        var env = Env(1);
        // In order, 10 ms apart, except every 100th reading after the first source batch (1024 elements), which is 15 s
        // late. Watermarks are generated after every batch, so those are late for their (long cleaned-up) windows.
        var readings = Enumerable.Range(0, 4_000)
            .Select(i => new Reading(i % 5, i >= 1024 && i % 100 == 99 ? (i * 10L) - 15_000 : i * 10L, i)).ToList();
        var late = new OutputTag<Reading>("late");
        var counts = env.FromCollection(readings)
            .AssignTimestampsAndWatermarks(WatermarkStrategy<Reading>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)).WithTimestampAssigner(r => r.Time))
            .KeyBy(r => r.Sensor)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .SideOutputLateData(late)
            .Aggregate(new CountAggregate());
        counts.SetParallelism(parallelism);
        var lateReadings = counts.GetSideOutput(late).Map(r => -(long)r.Value);

        var result = await env.ExecuteAndCollectAsync(counts.Union(lateReadings)).WaitAsync(Timeout);

        var expectedLate = readings.Where(r => r.Value >= 1024 && r.Value % 100 == 99).Select(r => -(long)r.Value);
        Assert.Equal(expectedLate.Order(), result.Where(r => r < 0).Order());
        Assert.Equal(readings.Count - expectedLate.Count(), result.Where(r => r > 0).Sum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task GlobalWindowsCountTriggerAndEvictor_ReduceTheLastTwoOfEveryFour_MatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var readings = Readings(2_000);
        var sums = Source(env, readings)
            .Map(r => (r.Sensor, r.Value))
            .KeyBy(r => r.Sensor)
            .Window(GlobalWindows.Create())
            .Trigger(CountTrigger.Of(4))
            .Evictor(CountEvictor.Of(2))
            .Reduce((a, b) => (a.Sensor, a.Value + b.Value));

        var result = await env.ExecuteAndCollectAsync(sums).WaitAsync(Timeout);

        var expected = readings.GroupBy(r => r.Sensor).SelectMany(g =>
        {
            var values = g.Select(r => r.Value).ToList();
            return Enumerable.Range(1, values.Count / 4).Select(k => (g.Key, values[(4 * k) - 2] + values[(4 * k) - 1]));
        });
        Assert.Equal(expected.Order(), result.Order());
    }
}
