using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Tests.Windows;

/// <summary>Builds window operators over (key, value) pairs the way <see cref="WindowedStream{TKey, T}"/> does.</summary>
internal static class WindowTestOperators
{
    public static StreamOperator Sum(WindowAssigner assigner, Trigger? trigger = null, TimeSpan lateness = default, OutputTag<(string, int)>? late = null) =>
        new WindowOperator<string, (string Key, int Value), (string Key, int Value), (string Key, int Value)>(
            e => e.Key, TypeInfos.Of<string>(), assigner, trigger ?? assigner.DefaultTrigger, lateness, late,
            new ReducingWindowContents<(string Key, int Value)>((a, b) => (a.Key, a.Value + b.Value), TypeInfos.SerializerOf<(string, int)>()),
            new PassThroughWindowFunction<(string Key, int Value), string>())
        {
            ConsumedSideOutputs = late is null ? new HashSet<string>() : new HashSet<string> { late.Id },
        };

    public static StreamOperator Describe(WindowAssigner assigner, Trigger? trigger = null, Evictor? evictor = null, TimeSpan lateness = default)
    {
        var serializer = TypeInfos.SerializerOf<(string, int)>();
        WindowContents<(string Key, int Value), (string Key, int Value)> contents = evictor is null
            ? new ListWindowContents<(string Key, int Value)>(serializer)
            : new EvictingWindowContents<(string Key, int Value), (string Key, int Value)>(evictor, v => v, serializer);
        return new WindowOperator<string, (string Key, int Value), (string Key, int Value), string>(
            e => e.Key, TypeInfos.Of<string>(), assigner, trigger ?? assigner.DefaultTrigger, lateness, null, contents, new DescribeWindow());
    }

    public static StreamOperator Average(WindowAssigner assigner) =>
        new WindowOperator<string, (string Key, int Value), double, string>(
            e => e.Key, TypeInfos.Of<string>(), assigner, assigner.DefaultTrigger, TimeSpan.Zero, null,
            new AggregatingWindowContents<(string Key, int Value), (long, long), double>(new AverageAggregate(), TypeInfos.SerializerOf<(long, long)>()),
            new LabelWindow());

    /// <summary>key [start,end) max=maxTs: values in arrival order; firing count kept in per-window state, windows seen in global state.</summary>
    public sealed class DescribeWindow : ProcessWindowFunction<(string Key, int Value), string, string>
    {
        public override void Process(string key, ProcessWindowContext context, IEnumerable<(string Key, int Value)> elements, Collector<string> output)
        {
            var firings = context.GlobalState.GetValueState<long>("firings");
            firings.Update(firings.Value() + 1);
            output.Collect($"{key}{context.Window}:{string.Join(",", elements.Select(e => e.Value))}#{firings.Value()}");
        }
    }

    public sealed class LabelWindow : ProcessWindowFunction<double, string, string>
    {
        public override void Process(string key, ProcessWindowContext context, IEnumerable<double> elements, Collector<string> output)
        {
            var fires = context.WindowState.GetValueState<int>("fires");
            fires.Update(fires.Value() + 1);
            output.Collect($"{key}@{context.Window.Start}-{context.Window.End}/{context.Window.MaxTimestamp}={elements.Single()}#{fires.Value()}");
        }

        public override void Clear(ProcessWindowContext context) => context.WindowState.GetValueState<int>("fires").Clear();
    }

    public sealed class AverageAggregate : IAggregateFunction<(string Key, int Value), (long Sum, long Count), double>
    {
        public (long Sum, long Count) CreateAccumulator() => (0, 0);

        public (long Sum, long Count) Add((string Key, int Value) value, (long Sum, long Count) accumulator) =>
            (accumulator.Sum + value.Value, accumulator.Count + 1);

        public double GetResult((long Sum, long Count) accumulator) => (double)accumulator.Sum / accumulator.Count;

        public (long Sum, long Count) Merge((long Sum, long Count) a, (long Sum, long Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
    }
}
