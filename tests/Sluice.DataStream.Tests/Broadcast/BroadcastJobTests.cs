using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Watermarks;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Tests.Broadcast;

[Collection(JobTestCollection.Name)]
public class BroadcastJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private static readonly MapStateDescriptor<int, int> Weights = new("weights", Serializers.Int32, Serializers.Int32);

    /// <summary>Sums values per sensor in keyed state; at the end (an event-time timer) weighs the sum with the broadcast weight.</summary>
    private sealed class WeightedSum : KeyedBroadcastProcessFunction<int, (int Sensor, int Value), (int Sensor, int Weight), (int Sensor, long Total)>
    {
        private IValueState<long>? _sum;

        public override void Open(RuntimeContext context) => _sum = context.GetValueState<long>("sum");

        public override void ProcessElement((int Sensor, int Value) value, KeyedReadOnlyBroadcastContext<int> context, Collector<(int Sensor, long Total)> output)
        {
            _sum!.Update(_sum.Value() + value.Value);
            context.Timers.RegisterEventTimeTimer(1_000_000);
        }

        public override void ProcessBroadcastElement((int Sensor, int Weight) value, KeyedBroadcastContext<int> context, Collector<(int Sensor, long Total)> output) =>
            context.GetBroadcastState(Weights).Put(value.Sensor, value.Weight);

        public override void OnTimer(long timestamp, KeyedReadOnlyBroadcastContext<int> context, Collector<(int Sensor, long Total)> output)
        {
            var weight = context.GetBroadcastState(Weights).TryGet(context.Key, out var w) ? w : 1;
            output.Collect((context.Key, _sum!.Value() * weight));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task KeyedBroadcast_EverySubtaskSeesEveryRule(int parallelism)
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = parallelism });
        var readings = Enumerable.Range(0, 3_000).Select(i => (Sensor: i % 23, Value: i % 7)).ToList();
        var weights = new[] { (3, 10), (5, 2), (3, 4), (22, 0) }; // sensor 3's weight is replaced
        var events = env.FromCollection(readings, WatermarkStrategy<(int Sensor, int Value)>.ForBoundedOutOfOrderness(TimeSpan.Zero).WithTimestampAssigner(r => r.Value));
        var rules = env.FromElements(weights).Broadcast(Weights);
        var totals = events.KeyBy(r => r.Sensor).Connect(rules).Process(new WeightedSum());

        var result = await env.ExecuteAndCollectAsync(totals).WaitAsync(Timeout);

        var lastWeight = weights.GroupBy(w => w.Item1).ToDictionary(g => g.Key, g => g.Last().Item2);
        var expected = readings.GroupBy(r => r.Sensor).Select(g => (g.Key, (long)g.Sum(r => r.Value) * lastWeight.GetValueOrDefault(g.Key, 1)));
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class FailOnce(System.Runtime.CompilerServices.StrongBox<int> seen, int failAt) : ProcessFunction<(int Sensor, int Value), (int Sensor, int Value)>
    {
        private RuntimeContext? _context;

        public override void Open(RuntimeContext context) => _context = context;

        public override void ProcessElement((int Sensor, int Value) value, ProcessContext context, Collector<(int Sensor, int Value)> output)
        {
            if (_context!.AttemptNumber == 0 && Interlocked.Increment(ref seen.Value) == failAt)
            {
                throw new InvalidOperationException("Injected failure.");
            }

            output.Collect(value);
        }
    }

    [Fact]
    public async Task KeyedBroadcast_FailureWithRestart_BroadcastAndKeyedStateAreRestored()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            Parallelism = 3,
            CheckpointInterval = TimeSpan.FromMilliseconds(10),
            RestartStrategy = Sluice.Runtime.Execution.RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
        });
        var readings = Enumerable.Range(0, 30_000).Select(i => (Sensor: i % 23, Value: i % 7)).ToList();
        var weights = new[] { (3, 10), (5, 2), (22, 0) };
        var seen = new System.Runtime.CompilerServices.StrongBox<int>();
        var events = env.FromCollection(readings, WatermarkStrategy<(int Sensor, int Value)>.ForBoundedOutOfOrderness(TimeSpan.Zero).WithTimestampAssigner(r => r.Value))
            .Process(new FailOnce(seen, 20_000));
        var totals = events.KeyBy(r => r.Sensor).Connect(env.FromElements(weights).Broadcast(Weights)).Process(new WeightedSum()).Uid("weighted");

        var result = await env.ExecuteAndCollectAsync(totals).WaitAsync(Timeout);

        var weightOf = weights.ToDictionary(w => w.Item1, w => w.Item2);
        var expected = readings.GroupBy(r => r.Sensor).Select(g => (g.Key, (long)g.Sum(r => r.Value) * weightOf.GetValueOrDefault(g.Key, 1)));
        Assert.True(seen.Value >= 20_000, "The injected failure should have happened.");
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class Tag : BroadcastProcessFunction<int, string, string>
    {
        private static readonly MapStateDescriptor<string, string> Prefix = new("prefix", Serializers.String, Serializers.String);

        public static MapStateDescriptor<string, string> Descriptor => Prefix;

        public override void ProcessElement(int value, ReadOnlyBroadcastContext context, Collector<string> output) =>
            output.Collect(context.GetBroadcastState(Prefix).TryGet("p", out var p) ? $"{p}{value}" : $"?{value}");

        public override void ProcessBroadcastElement(string value, BroadcastContext context, Collector<string> output)
        {
            context.GetBroadcastState(Prefix).Put("p", value);
            output.Collect($"rule:{value}");
        }
    }

    [Fact]
    public async Task NonKeyedBroadcast_BroadcastElementsReachEverySubtask()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions { Parallelism = 3 });
        var result = await env.ExecuteAndCollectAsync(
            env.FromCollection(Enumerable.Range(0, 300)).Connect(env.FromElements("x").Broadcast(Tag.Descriptor)).Process(new Tag()))
            .WaitAsync(Timeout);

        Assert.Equal(3, result.Count(r => r == "rule:x"));
        Assert.Equal(300, result.Count(r => !r.StartsWith("rule:", StringComparison.Ordinal)));
    }
}
