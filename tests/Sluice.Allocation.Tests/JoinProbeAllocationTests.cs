using Sluice.Allocation.Tests.Scenarios;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The regular join's probe and insert allocate nothing per row: each key's stored rows are one block of bytes per side,
/// cut from the side's pooled pages (the probing row is encoded into a scratch buffer, compared and copied as bytes; stored rows are decoded straight
/// into the output builders), and the key is interned. What is left per batch is the output batch (its builder, shell
/// and vectors), the same at 1024 and 4096 rows. Storing new rows costs the bytes they take in their key's block (which
/// moves to a block half as large again when full, the old one going back to the side's free list), and no object
/// per row.
/// </summary>
public sealed class JoinProbeAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void ProbeStaysWithinItsPerRowBudget(int rows)
    {
        using var scenario = SqlScenarios.JoinProbe(rows);
        BudgetAssert.AtMost(scenario, 2048, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void OuterInsertAndRetract_InSteadyState_AllocatesNothingPerRow(int rows)
    {
        using var scenario = new RetractingOuterJoinScenario(rows);
        BudgetAssert.AtMost(scenario, 2048, output);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void StoringNewRows_CostsTheirBytes_NotAnObjectPerRow(int rows)
    {
        using var scenario = new GrowingJoinScenario(rows);

        // A bid encodes to 70-80 bytes plus an 8-byte entry header; a key's block moves to one half as large again when
        // full and the old block waits on the free list for another key. Here every key keeps growing and no new key
        // comes, so freed blocks are not reused until compaction, and the pages allocated while keys grow add up to
        // three to five times what they hold (measured: ≈ 400 B per row at 4096 rows per batch), in 1 MB pages only.
        BudgetAssert.AtMost(scenario, 2048 + (rows * 6L * 88), output);
    }

    /// <summary>Bids joined with a number of auctions, one batch of bids per input; the subclasses choose the bids.</summary>
    private abstract class BidJoinScenario : OperatorScenario
    {
        protected BidJoinScenario(int rows, int auctions, JoinKind kind)
        {
            Bids = new Bids(rows, auctions);
            Harness = new OperatorHarness(new JoinOperator(Bids.Schema, Auctions.Schema, [Bids.Auction], [0], kind)).Open();
            Auctions.AddTo(Harness, auctions);
        }

        public override int RowsPerBatch => Bids.Rows;

        protected Bids Bids { get; }

        protected OperatorHarness Harness { get; }

        protected long Sequence { get; set; }

        public override void Process(IBatch input)
        {
            Harness.ProcessBatch(input, 0);
            Drain(Harness);
        }

        protected override void Dispose(bool disposing)
        {
            Harness.Dispose();
            Bids.Dispose();
        }
    }

    /// <summary>
    /// Bids LEFT JOIN auctions (100 of them); every batch retracts (-U) the newest half of the bids the batch before
    /// added and adds (+U) as many new ones, so the stored rows per key stay about the same (and never none, which would
    /// drop the key's array): removing and appending in the key arrays, and counting matches on the outer side.
    /// </summary>
    private sealed class RetractingOuterJoinScenario : BidJoinScenario
    {
        public RetractingOuterJoinScenario(int rows)
            : base(rows, 100, JoinKind.Left)
        {
            Harness.ProcessBatch(Bids.Batch(0), 0);
            Sequence = rows;
        }

        public override string Name => "join: insert and retract (left outer)";

        public override IBatch NextInput()
        {
            var batch = Bids.Batch(Sequence, retractPrevious: true);
            Sequence += Bids.Rows / 2;
            return batch;
        }
    }

    /// <summary>Bids JOIN auctions with every bid new: the bid side's state grows by every row.</summary>
    private sealed class GrowingJoinScenario : BidJoinScenario
    {
        public GrowingJoinScenario(int rows)
            : base(rows, 1000, JoinKind.Inner)
        {
        }

        public override string Name => "join: insert new rows (inner)";

        public override IBatch NextInput()
        {
            var batch = Bids.Batch(Sequence);
            Sequence += Bids.Rows;
            return batch;
        }
    }
}
