using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Operators;

public class RollingOperatorsTests
{
    private static KeyedProcessOperator<long, (long Key, long Value), (long Key, long Value)> Reduce() =>
        new(new RollingReduceFunction<long, (long Key, long Value)>((a, b) => (a.Key, a.Value + b.Value), TypeInfos.SerializerOf<(long, long)>()),
            e => e.Key, TypeInfos.Of<long>(), null);

    private static KeyedProcessOperator<long, string, long> Count() =>
        new(new RollingAggregateFunction<long, string, long, long>(CountAggregate<string>.Instance, TypeInfos.SerializerOf<long>()),
            s => s.Length, TypeInfos.Of<long>(), null);

    [Fact]
    public void Reduce_SnapshotRestore_ContinuesTheRunningValue()
    {
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(Reduce()))
        {
            first.ProcessElements([((1L, 5L), 0L), ((2L, 1L), 0L), ((1L, 2L), 0L)]);
            Assert.Equal([(1L, 5L), (2L, 1L), (1L, 7L)], first.OutputElements<(long, long)>());
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(Reduce(), restoreFrom: [snapshot]);
        restored.ProcessElements([((1L, 1L), 0L), ((2L, 1L), 0L)]);
        Assert.Equal([(1L, 8L), (2L, 2L)], restored.OutputElements<(long, long)>());
    }

    [Fact]
    public void Aggregate_SnapshotRestore_ContinuesTheAccumulator()
    {
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(Count()))
        {
            first.ProcessElements([("ab", 0L), ("cd", 0L), ("x", 0L)]);
            snapshot = first.Snapshot(1);
        }

        using var restored = new OperatorHarness(Count(), restoreFrom: [snapshot]);
        restored.ProcessElements([("ef", 0L), ("y", 0L)]);
        Assert.Equal([3L, 2L], restored.OutputElements<long>());
    }
}
