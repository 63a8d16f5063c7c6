using Sluice.Core.Batches;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Types;
using Sluice.State.Keyed;
using Sluice.Testing;

namespace Sluice.DataStream.Tests.Operators;

public class KeyedCoProcessOperatorTests
{
    /// <summary>Joins orders (input 0) with the latest price of their product (input 1), both kept in state.</summary>
    private sealed class PriceJoin : KeyedCoProcessFunction<long, (long Product, int Quantity), (long Product, double Price), string>
    {
        private IValueState<double>? _price;
        private IListState<int>? _waiting;

        public override void Open(RuntimeContext context)
        {
            _price = context.GetValueState<double>("price");
            _waiting = context.GetListState<int>("waiting");
        }

        public override void ProcessElement1((long Product, int Quantity) value, KeyedProcessContext<long> context, Collector<string> output)
        {
            if (_price!.TryGet(out var price))
            {
                output.Collect($"{context.Key}:{value.Quantity * price}");
            }
            else
            {
                _waiting!.Add(value.Quantity);
            }
        }

        public override void ProcessElement2((long Product, double Price) value, KeyedProcessContext<long> context, Collector<string> output)
        {
            _price!.Update(value.Price);
            foreach (var q in _waiting!.Get())
            {
                output.Collect($"{context.Key}:{q * value.Price}");
            }

            _waiting.Update([]);
        }
    }

    private static KeyedCoProcessOperator<long, (long, int), (long, double), string> Create() =>
        new(new PriceJoin(), o => o.Item1, p => p.Item1, TypeInfos.Of<long>(), null);

    private static ElementBatch<T> Batch<T>(params T[] items)
    {
        var b = new ElementBatch<T>(items.Length);
        foreach (var i in items)
        {
            b.Add(i);
        }

        return b;
    }

    [Fact]
    public void BothInputs_ShareTheKeysState()
    {
        using var harness = new OperatorHarness(Create());
        harness.ProcessBatch(Batch((1L, 2), (2L, 3)), input: 0);
        harness.ProcessBatch(Batch((1L, 1.5)), input: 1);
        harness.ProcessBatch(Batch((1L, 4)), input: 0);
        Assert.Equal(["1:3", "1:6"], harness.OutputElements<string>());
    }

    [Fact]
    public void SnapshotRestore_MidStream_KeepsBothSides()
    {
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(Create()))
        {
            first.ProcessBatch(Batch((1L, 2), (2L, 3)), input: 0);
            first.ProcessBatch(Batch((2L, 10.0)), input: 1);
            snapshot = first.Snapshot(7);
        }

        using var restored = new OperatorHarness(Create(), restoreFrom: [snapshot]);
        restored.ProcessBatch(Batch((1L, 0.5)), input: 1);
        restored.ProcessBatch(Batch((2L, 1)), input: 0);
        Assert.Equal(["1:1", "2:10"], restored.OutputElements<string>());
    }
}
