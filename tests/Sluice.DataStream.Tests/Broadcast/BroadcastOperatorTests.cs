using Sluice.Core.Serialization;
using Sluice.DataStream.Broadcasting;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Tests.Joins;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Broadcast;

public class BroadcastOperatorTests
{
    internal static readonly MapStateDescriptor<string, int> Limits = new("limits", Serializers.String, Serializers.Int32);

    /// <summary>Rules (name, limit) are broadcast; events (key, value) count per key and report the rules they exceed.</summary>
    private sealed class KeyedLimits : KeyedBroadcastProcessFunction<int, (int Key, int Value), (string Rule, int Limit), string>
    {
        private IValueState<int>? _count;

        public override void Open(RuntimeContext context) => _count = context.GetValueState<int>("count");

        public override void ProcessElement((int Key, int Value) value, KeyedReadOnlyBroadcastContext<int> context, Collector<string> output)
        {
            var count = _count!.Value() + 1;
            _count.Update(count);
            var rules = context.GetBroadcastState(Limits);
            var exceeded = rules.Entries().Where(r => value.Value > r.Value).Select(r => r.Key).Order();
            output.Collect($"{context.Key}#{count}:{string.Join("+", exceeded)}/{rules.Count}");
        }

        public override void ProcessBroadcastElement((string Rule, int Limit) value, KeyedBroadcastContext<int> context, Collector<string> output)
        {
            if (value.Rule == "reset-counts")
            {
                context.ApplyToKeyedState("count", key => _count!.Update(value.Limit));
                return;
            }

            var rules = context.GetBroadcastState(Limits);
            if (value.Limit < 0)
            {
                rules.Remove(value.Rule);
            }
            else
            {
                rules.Put(value.Rule, value.Limit);
            }
        }
    }

    private sealed class Limit : BroadcastProcessFunction<int, (string Rule, int Limit), string>
    {
        public override void ProcessElement(int value, ReadOnlyBroadcastContext context, Collector<string> output)
        {
            var rules = context.GetBroadcastState(Limits);
            output.Collect(rules.TryGet("max", out var max) && value > max ? $"{value}>{max}" : $"{value}/{rules.Count}");
        }

        public override void ProcessBroadcastElement((string Rule, int Limit) value, BroadcastContext context, Collector<string> output) =>
            context.GetBroadcastState(Limits).Put(value.Rule, value.Limit);
    }

    private static KeyedBroadcastProcessOperator<int, (int Key, int Value), (string Rule, int Limit), string> CreateKeyed() =>
        new(new KeyedLimits(), e => e.Key, TypeInfos.Of<int>(), [new TypedBroadcastStateSpec<string, int>(Limits)], null);

    private static BroadcastProcessOperator<int, (string Rule, int Limit), string> CreatePlain() =>
        new(new Limit(), [new TypedBroadcastStateSpec<string, int>(Limits)], null);

    private static Sluice.Core.Batches.ElementBatch<T> Batch<T>(params T[] items)
    {
        var b = new Sluice.Core.Batches.ElementBatch<T>(items.Length);
        foreach (var i in items)
        {
            b.Add(i);
        }

        return b;
    }

    [Fact]
    public void Keyed_ElementsReadTheBroadcastState_AndKeepKeyedState()
    {
        using var h = new OperatorHarness(CreateKeyed());
        h.ProcessBatch(Batch((1, 5)));
        h.ProcessBatch(Batch(("low", 3), ("high", 10)), input: 1);
        h.ProcessBatch(Batch((1, 5), (2, 11)));
        h.ProcessBatch(Batch(("low", -1)), input: 1);
        h.ProcessBatch(Batch((2, 11)));
        Assert.Equal(["1#1:/0", "1#2:low/2", "2#1:high+low/2", "2#2:high/1"], h.OutputElements<string>());
    }

    [Fact]
    public void Keyed_ApplyToKeyedState_VisitsEveryKeyWithState()
    {
        using var h = new OperatorHarness(CreateKeyed());
        h.ProcessBatch(Batch((1, 0), (2, 0), (2, 0), (3, 0)));
        h.ProcessBatch(Batch(("reset-counts", 10)), input: 1);
        h.ProcessBatch(Batch((2, 0), (4, 0)));
        Assert.Equal(["1#1:/0", "2#1:/0", "2#2:/0", "3#1:/0", "2#11:/0", "4#1:/0"], h.OutputElements<string>());
    }

    [Fact]
    public void Keyed_SnapshotRestore_KeepsBroadcastAndKeyedState()
    {
        var output = RestoreRuns.WithAndWithoutRestore<string>(CreateKeyed,
            h => h.ProcessBatch(Batch(("low", 3)), input: 1),
            h => h.ProcessBatch(Batch((1, 5))),
            h => h.ProcessBatch(Batch(("high", 4)), input: 1),
            h => h.ProcessBatch(Batch((1, 5), (2, 1))));
        Assert.Equal(["1#1:low/1", "1#2:high+low/2", "2#1:/2"], output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void RestoredAtAnotherParallelism_EverySubtaskGetsTheStateOnce(int newParallelism)
    {
        // Two subtasks saw the same broadcast elements, so they hold the same state; each also counted its own keys.
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var h = new OperatorHarness(CreateKeyed(), parallelism: 2, subtaskIndex: subtask);
            h.ProcessBatch(Batch(("a", 1), ("b", 2), ("c", 100)), input: 1);
            h.ProcessBatch(Batch(("c", -1)), input: 1);
            var owned = Enumerable.Range(0, 10).Where(k => RestoreRuns.SubtaskOf(k, 2) == subtask).Select(k => (k, 0)).ToArray();
            h.ProcessBatch(Batch(owned));
            snapshots.Add(h.Snapshot(1));
        }

        var output = new List<string>();
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var h = new OperatorHarness(CreateKeyed(), parallelism: newParallelism, subtaskIndex: subtask, restoreFrom: snapshots);
            var owned = Enumerable.Range(0, 10).Where(k => RestoreRuns.SubtaskOf(k, newParallelism) == subtask).Select(k => (k, 5)).ToArray();
            h.ProcessBatch(Batch(owned));
            output.AddRange(h.OutputElements<string>());
        }

        // Every key was seen once before (count 2 now), and every subtask has exactly the rules a and b.
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"{k}#2:a+b/2").Order(), output.Order());
    }

    [Fact]
    public void NonKeyed_SnapshotRestore_KeepsTheBroadcastState()
    {
        var output = RestoreRuns.WithAndWithoutRestore<string>(CreatePlain,
            h => h.ProcessBatch(Batch(7)),
            h => h.ProcessBatch(Batch(("max", 5)), input: 1),
            h => h.ProcessBatch(Batch(7, 3)),
            h => h.ProcessBatch(Batch(("max", 8), ("other", 0)), input: 1),
            h => h.ProcessBatch(Batch(7)));
        Assert.Equal(["7/0", "7>5", "3/1", "7/2"], output);
    }

    [Fact]
    public void UndeclaredBroadcastState_FailsNamingIt()
    {
        var other = new MapStateDescriptor<string, int>("other", Serializers.String, Serializers.Int32);
        var op = new BroadcastProcessOperator<int, int, int>(new ReadsOther(other), [new TypedBroadcastStateSpec<string, int>(Limits)], null);
        using var h = new OperatorHarness(op);
        var ex = Assert.Throws<Sluice.Core.Errors.TaskFailureException>(() => h.ProcessBatch(Batch(1)));
        Assert.Contains("'other'", Assert.IsType<InvalidOperationException>(ex.InnerException).Message);
    }

    private sealed class ReadsOther(MapStateDescriptor<string, int> other) : BroadcastProcessFunction<int, int, int>
    {
        public override void ProcessElement(int value, ReadOnlyBroadcastContext context, Collector<int> output) =>
            output.Collect(context.GetBroadcastState(other).Count);

        public override void ProcessBroadcastElement(int value, BroadcastContext context, Collector<int> output)
        {
        }
    }
}
