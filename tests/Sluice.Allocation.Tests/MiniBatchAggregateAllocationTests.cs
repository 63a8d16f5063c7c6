using Sluice.Allocation.Tests.Scenarios;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Testing;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The mini-batch GROUP BY aggregation, once every group exists: input batches are kept (not copied) until their bundle
/// is folded, row positions go to reused per-key lists, and the latency deadline is one small callback per bundle, so
/// what is left per batch is, as without mini-batch, about the output batch of each bundle.
/// </summary>
public sealed class MiniBatchAggregateAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void BufferingAndFoldingAllocatesAConstantPerBatch(int rows)
    {
        using var scenario = new MiniBatchScenario(rows, auctions: 1000, batchesPerBundle: 4);
        BudgetAssert.AtMost(scenario, budget: 1024, output);
    }

    /// <summary>COUNT(*), SUM(price), MAX(price) per auction with a bundle of <c>batchesPerBundle</c> input batches.</summary>
    private sealed class MiniBatchScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly OperatorHarness _harness;
        private long _seq;

        public MiniBatchScenario(int rows, int auctions, int batchesPerBundle)
        {
            _bids = new Bids(rows, auctions);
            AggregateCall[] calls =
            [
                new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "bids"),
                new(AggregateKind.Sum, Bids.Price, DataTypes.BigInt(), "total"),
                new(AggregateKind.Max, Bids.Price, DataTypes.BigInt(), "top"),
            ];
            var miniBatch = new MiniBatchOptions(TimeSpan.FromHours(1), (long)rows * batchesPerBundle);
            _harness = new OperatorHarness(new GroupAggregateOperator(Bids.Schema, [Bids.Auction], calls, miniBatch: miniBatch)).Open();
        }

        public override string Name => "group aggregate: mini-batch";

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            var batch = _bids.Batch(_seq, false);
            _seq += _bids.Rows;
            return batch;
        }

        public override void Process(IBatch input)
        {
            _harness.ProcessBatch(input);
            Drain(_harness);
        }

        protected override void Dispose(bool disposing)
        {
            _harness.Dispose();
            _bids.Dispose();
        }
    }
}
