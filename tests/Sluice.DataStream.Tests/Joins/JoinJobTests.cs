using System.Runtime.CompilerServices;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Watermarks;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Execution;

namespace Sluice.DataStream.Tests.Joins;

[Collection(JobTestCollection.Name)]
public class JoinJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    public readonly record struct Order(int Id, int Customer, long Time);

    public readonly record struct Payment(int Customer, int Amount, long Time);

    /// <summary>Out of order by at most 40 ms; the watermark bound is 50 ms, so nothing is late.</summary>
    private static List<Order> Orders(int count) =>
        Enumerable.Range(0, count).Select(i => new Order(i, i % 13, 1_000 + (i * 2L) - (i % 5 * 10))).ToList();

    private static List<Payment> Payments(int count) =>
        Enumerable.Range(0, count).Select(i => new Payment(i % 17, i % 100, 1_000 + (i * 3L) - (i % 4 * 10))).ToList();

    private static DataStream<Order> OrderSource(StreamExecutionEnvironment env, List<Order> orders) =>
        env.FromCollection(orders, WatermarkStrategy<Order>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)).WithTimestampAssigner(o => o.Time));

    private static DataStream<Payment> PaymentSource(StreamExecutionEnvironment env, List<Payment> payments) =>
        env.FromCollection(payments, WatermarkStrategy<Payment>.ForBoundedOutOfOrderness(TimeSpan.FromMilliseconds(50)).WithTimestampAssigner(p => p.Time));

    private static StreamExecutionEnvironment Env(int parallelism) => new(new StreamExecutionOptions { Parallelism = parallelism });

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task WindowJoin_MatchesLinqInnerJoinPerWindow(int parallelism)
    {
        var env = Env(parallelism);
        var (orders, payments) = (Orders(600), Payments(400));
        var joined = OrderSource(env, orders)
            .Join(PaymentSource(env, payments))
            .Where(o => o.Customer).EqualTo(p => p.Customer)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .Apply((o, p) => (o.Id, p.Amount, p.Time));

        var result = await env.ExecuteAndCollectAsync(joined).WaitAsync(Timeout);

        var expected = from o in orders
                       join p in payments on (o.Customer, o.Time / 100) equals (p.Customer, p.Time / 100)
                       select (o.Id, p.Amount, p.Time);
        Assert.NotEmpty(result);
        Assert.Equal(expected.Order(), result.Order());
    }

    [Fact]
    public async Task CoGroup_SeesKeysOfEitherSide_MatchesLinqFullOuterGrouping()
    {
        var env = Env(4);
        var (orders, payments) = (Orders(500), Payments(300));
        var groups = OrderSource(env, orders)
            .CoGroup(PaymentSource(env, payments))
            .Where(o => o.Customer).EqualTo(p => p.Customer)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .Apply<(int Customer, long Start, int Orders, int Payments)>((os, ps, output) =>
            {
                var (o, p) = (os.ToList(), ps.ToList());
                var customer = o.Count > 0 ? o[0].Customer : p[0].Customer;
                var time = o.Count > 0 ? o[0].Time : p[0].Time;
                output.Collect((customer, time - (time % 100), o.Count, p.Count));
            });

        var result = await env.ExecuteAndCollectAsync(groups).WaitAsync(Timeout);

        var orderCounts = orders.GroupBy(o => (o.Customer, Start: o.Time - (o.Time % 100))).ToDictionary(g => g.Key, g => g.Count());
        var paymentCounts = payments.GroupBy(p => (p.Customer, Start: p.Time - (p.Time % 100))).ToDictionary(g => g.Key, g => g.Count());
        var expected = orderCounts.Keys.Union(paymentCounts.Keys)
            .Select(k => (k.Customer, k.Start, orderCounts.GetValueOrDefault(k), paymentCounts.GetValueOrDefault(k)));
        Assert.Equal(expected.Order(), result.Order());
        Assert.Contains(result, r => r.Orders == 0);
        Assert.Contains(result, r => r.Payments == 0);
    }

    private sealed class PairIds : ProcessJoinFunction<Order, Payment, (int Order, int Customer, int Amount, long Time)>
    {
        public override void ProcessElement(Order left, Payment right, ProcessJoinContext context, Collector<(int Order, int Customer, int Amount, long Time)> output) =>
            output.Collect((left.Id, right.Customer, right.Amount, context.Timestamp));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task IntervalJoin_WithAnExclusiveLowerBound_MatchesLinq(int parallelism)
    {
        var env = Env(parallelism);
        var (orders, payments) = (Orders(600), Payments(400));
        var joined = OrderSource(env, orders).KeyBy(o => o.Customer)
            .IntervalJoin(PaymentSource(env, payments).KeyBy(p => p.Customer))
            .Between(TimeSpan.FromMilliseconds(-20), TimeSpan.FromMilliseconds(30))
            .LowerBoundExclusive()
            .Process(new PairIds());

        var result = await env.ExecuteAndCollectAsync(joined).WaitAsync(Timeout);

        var expected = from o in orders
                       join p in payments on o.Customer equals p.Customer
                       where p.Time > o.Time - 20 && p.Time <= o.Time + 30
                       select (o.Id, p.Customer, p.Amount, Math.Max(o.Time, p.Time));
        Assert.NotEmpty(result);
        Assert.Equal(expected.Order(), result.Order());
    }

    [Fact]
    public void IntervalJoin_EmptyOrReversedInterval_IsRejected()
    {
        var env = Env(1);
        var orders = env.FromElements(new Order(1, 1, 1)).KeyBy(o => o.Customer);
        var payments = env.FromElements(new Payment(1, 1, 1)).KeyBy(p => p.Customer);
        Assert.Throws<ArgumentOutOfRangeException>(() => orders.IntervalJoin(payments).Between(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(1)));
        var point = orders.IntervalJoin(payments).Between(TimeSpan.Zero, TimeSpan.Zero).UpperBoundExclusive();
        Assert.Throws<ArgumentException>(() => point.Process(new PairIds()));
    }

    [Fact]
    public void JoinBuilders_RejectBadArguments()
    {
        var env = Env(1);
        var orders = env.FromElements(new Order(1, 1, 1));
        var payments = env.FromElements(new Payment(1, 1, 1));
        var join = orders.Join(payments).Where(o => o.Customer).EqualTo(p => p.Customer).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => join.AllowedLateness(TimeSpan.FromMilliseconds(-1)));
        var coGroup = orders.CoGroup(payments).Where(o => o.Customer).EqualTo(p => p.Customer).Window(TumblingEventTimeWindows.Of(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => coGroup.AllowedLateness(TimeSpan.FromTicks(1)));
        Assert.Throws<ArgumentException>(() => orders.Join(new StreamExecutionEnvironment().FromElements(1)));
    }

    private sealed class Summary : ProcessAllWindowFunction<Order, (long Start, int Count, int MaxId)>
    {
        public override void Process(ProcessWindowContext context, IEnumerable<Order> elements, Collector<(long Start, int Count, int MaxId)> output)
        {
            var list = elements.ToList();
            output.Collect((context.Window.Start, list.Count, list.Max(o => o.Id)));
        }
    }

    [Fact]
    public async Task WindowAll_SeesTheWholeStream_InOneSubtask()
    {
        var env = Env(4);
        var orders = Orders(1_000);
        var source = OrderSource(env, orders);
        var summaries = source.WindowAll(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100))).Process(new Summary());
        var sums = source.Map(o => o.Id).WindowAll(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)))
            .Reduce((a, b) => a + b);

        Assert.Equal(1, summaries.Parallelism);
        Assert.Equal(1, sums.Parallelism);
        var result = await env.ExecuteAndCollectAsync(summaries).WaitAsync(Timeout);

        var expected = orders.GroupBy(o => o.Time - (o.Time % 100)).Select(g => (g.Key, g.Count(), g.Max(o => o.Id)));
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class WithStart : ProcessAllWindowFunction<int, (long Start, int Sum)>
    {
        public override void Process(ProcessWindowContext context, IEnumerable<int> elements, Collector<(long Start, int Sum)> output) =>
            output.Collect((context.Window.Start, elements.Single()));
    }

    [Fact]
    public async Task WindowAll_SlidingReduceWithWindowFunction_MatchesLinq()
    {
        var env = Env(3);
        var orders = Orders(800);
        var sums = OrderSource(env, orders).Map(o => o.Id)
            .WindowAll(SlidingEventTimeWindows.Of(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100)))
            .Reduce((a, b) => a + b, new WithStart());

        var result = await env.ExecuteAndCollectAsync(sums).WaitAsync(Timeout);

        // Every order belongs to the windows starting at its 100 ms bucket and the bucket before it.
        var expected = orders.SelectMany(o => new[] { o.Time - (o.Time % 100), o.Time - (o.Time % 100) - 100 }.Select(start => (start, o.Id)))
            .GroupBy(x => x.start).Select(g => (g.Key, g.Sum(x => x.Id)));
        Assert.Equal(expected.Order(), result.Order());
    }

    private sealed class FailOnce<T>(StrongBox<int> seen, int failAt) : ProcessFunction<T, T>
    {
        private RuntimeContext? _context;

        public override void Open(RuntimeContext context) => _context = context;

        public override void ProcessElement(T value, ProcessContext context, Collector<T> output)
        {
            if (_context!.AttemptNumber == 0 && Interlocked.Increment(ref seen.Value) == failAt)
            {
                throw new InvalidOperationException("Injected failure.");
            }

            output.Collect(value);
        }
    }

    [Fact]
    public async Task WindowAndIntervalJoins_FailureWithRestart_OutputIsExactlyOnce()
    {
        var env = new StreamExecutionEnvironment(new StreamExecutionOptions
        {
            Parallelism = 2,
            CheckpointInterval = TimeSpan.FromMilliseconds(20),
            RestartStrategy = RestartStrategy.FixedDelay(3, TimeSpan.FromMilliseconds(10)),
        });
        var (orders, payments) = (Orders(3_000), Payments(2_000));
        var expectedWindow = from o in orders
                             join p in payments on (o.Customer, o.Time / 100) equals (p.Customer, p.Time / 100)
                             select (o.Id, p.Amount, p.Time);
        var expectedInterval = from o in orders
                               join p in payments on o.Customer equals p.Customer
                               where p.Time >= o.Time - 10 && p.Time <= o.Time + 10
                               select (o.Id, p.Amount, Math.Max(o.Time, p.Time));
        var expected = expectedWindow.Concat(expectedInterval).ToList();
        var seen = new StrongBox<int>();
        var windowJoined = OrderSource(env, orders)
            .Join(PaymentSource(env, payments))
            .Where(o => o.Customer).EqualTo(p => p.Customer)
            .Window(TumblingEventTimeWindows.Of(TimeSpan.FromMilliseconds(100)))
            .Apply((o, p) => (o.Id, p.Amount, p.Time)).Uid("window-join");
        var intervalJoined = OrderSource(env, orders).KeyBy(o => o.Customer)
            .IntervalJoin(PaymentSource(env, payments).KeyBy(p => p.Customer))
            .Between(TimeSpan.FromMilliseconds(-10), TimeSpan.FromMilliseconds(10))
            .Process(new PairIds()).Uid("interval-join")
            .Map(r => (r.Order, r.Amount, r.Time));
        var all = windowJoined.Union(intervalJoined).Process(new FailOnce<(int, int, long)>(seen, expected.Count / 2));

        var result = await env.ExecuteAndCollectAsync(all).WaitAsync(Timeout);

        Assert.True(seen.Value >= expected.Count / 2, "The injected failure should have happened.");
        Assert.Equal(expected.Order(), result.Order());
    }
}
