using Sluice.Allocation.Tests.Scenarios;
using Sluice.Core.Batches;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The group aggregate looks keys up in a bounded cache (16,384 keys) instead of making a key per row: with more keys
/// than that the cache starts over, and the results must still be those of every group.
/// </summary>
public sealed class GroupAggregateKeyCacheTests
{
    [Fact]
    public void MoreKeysThanTheCacheHolds_EveryGroupIsStillRight()
    {
        const int Auctions = 20_000;
        using var bids = new Bids(4096, Auctions);
        using var harness = new OperatorHarness(new GroupAggregateOperator(Bids.Schema, [Bids.Auction],
        [
            new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "bids"),
            new AggregateCall(AggregateKind.Sum, Bids.Price, DataTypes.BigInt(), "total"),
        ])).Open();

        // Every auction about three times over, in batches that cross the cache's bound several times.
        var rows = (3 * Auctions / bids.Rows + 1) * bids.Rows;
        for (var seq = 0L; seq < rows; seq += bids.Rows)
        {
            harness.ProcessBatch(bids.Batch(seq));
        }

        // The last result row of each auction is its current aggregate.
        var latest = new Dictionary<long, (long Count, long Total)>();
        foreach (var batch in harness.OutputBatches.Cast<RecordBatch>())
        {
            var keys = (PrimitiveVector<long>)batch.Column(0);
            var counts = (PrimitiveVector<long>)batch.Column(1);
            var totals = (PrimitiveVector<long>)batch.Column(2);
            for (var i = 0; i < batch.RowCount; i++)
            {
                var row = batch.PhysicalRow(i);
                if (batch.GetRowKind(row) is RowKind.Insert or RowKind.UpdateAfter)
                {
                    latest[keys.Values[row]] = (counts.Values[row], totals.Values[row]);
                }
            }
        }

        var expected = Enumerable.Range(0, rows)
            .GroupBy(seq => bids.AuctionOf(seq))
            .ToDictionary(g => g.Key, g => ((long)g.Count(), g.Sum(seq => Bids.PriceOf(seq, Auctions))));
        Assert.Equal(Auctions, latest.Count);
        Assert.All(expected, e => Assert.Equal(e.Value, latest[e.Key]));
    }
}
