using Sluice.Allocation.Tests.Scenarios;
using Sluice.Core.Batches;
using Sluice.Sql.Physical.Operators;
using Sluice.Testing;
using Xunit.Abstractions;

namespace Sluice.Allocation.Tests;

/// <summary>
/// The semi join (<c>WHERE EXISTS</c>) keeps each key's rows as one block of bytes per side, as the regular join does:
/// a left row is encoded into a scratch buffer, its key interned, the right side's block read for a match and the row
/// appended to (or found and removed from) its key's block; nothing is allocated per row. What is left per batch is the
/// output batch, the same at 1024 and 4096 rows.
/// </summary>
public sealed class SemiJoinAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public void InsertAndRetract_InSteadyState_AllocatesNothingPerRow(int rows)
    {
        using var scenario = new RetractingSemiJoinScenario(rows);
        BudgetAssert.AtMost(scenario, 2048, output);
    }

    /// <summary>
    /// Bids WHERE EXISTS an auction of theirs (100 auctions, all in state); every batch retracts (-U) the newest half of
    /// the bids the batch before added and adds (+U) as many new ones, so the stored rows per key stay about the same.
    /// </summary>
    private sealed class RetractingSemiJoinScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly OperatorHarness _harness;
        private long _sequence;

        public RetractingSemiJoinScenario(int rows)
        {
            _bids = new Bids(rows, 100);
            _harness = new OperatorHarness(new SemiAntiJoinOperator(Bids.Schema, Auctions.Schema, [Bids.Auction], [0], anti: false)).Open();
            Auctions.AddTo(_harness, 100);
            _harness.ProcessBatch(_bids.Batch(0), 0);
            _harness.ClearOutput();
            _sequence = rows;
        }

        public override string Name => "semi join: insert and retract";

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            var batch = _bids.Batch(_sequence, retractPrevious: true);
            _sequence += _bids.Rows / 2;
            return batch;
        }

        public override void Process(IBatch input)
        {
            _harness.ProcessBatch(input, 0);
            Drain(_harness);
        }

        protected override void Dispose(bool disposing)
        {
            _harness.Dispose();
            _bids.Dispose();
        }
    }
}
