using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Calc;
using Sluice.Sql.Physical.Operators.Windows;
using Sluice.Testing;

namespace Sluice.Allocation.Tests.Scenarios;

/// <summary>The SQL operators on the hot path, each over batches of <see cref="Bids"/>.</summary>
public static class SqlScenarios
{
    /// <summary>Nexmark q1's projection (<c>0.908 * price</c>, a DECIMAL) without a filter.</summary>
    public static OperatorScenario Project(int rows = 1024) =>
        new CalcScenario("calc: project (q1)", "auction, bidder, 0.908 * price AS price, date_time", null, rows);

    /// <summary>A filter (about half the rows pass) and an arithmetic projection, as one Calc.</summary>
    public static OperatorScenario FilterProject(int rows = 1024) =>
        new CalcScenario("calc: filter + project", "auction, price * 100 / 89 AS price_eur, bidder, date_time",
            "price > 50 AND channel <> 'Apple'", rows);

    /// <summary>A Calc over <see cref="Bids"/>: <paramref name="projection"/> and an optional filter, in SQL.</summary>
    public static OperatorScenario Calc(string name, string projection, string? condition, int rows = 1024) =>
        new CalcScenario(name, projection, condition, rows);

    /// <summary>COUNT(*), SUM(price), MAX(price) GROUP BY auction over insert-only input.</summary>
    public static OperatorScenario GroupAggregate(int rows = 1024, int auctions = 1000) => new GroupAggregateScenario(false, rows, auctions);

    /// <summary>
    /// The same over updating input: every batch retracts (-U) the half of the rows the batch before added and adds (+U)
    /// as many; over 100 auctions every group keeps rows, so groups are updated, not deleted and created again.
    /// </summary>
    public static OperatorScenario GroupAggregateWithRetractions(int rows = 1024, int auctions = 100) =>
        new GroupAggregateScenario(true, rows, auctions);

    /// <summary>COUNT(*), SUM(price) per auction over TUMBLE(date_time, 10 s): window assignment, then the window aggregate.</summary>
    public static OperatorScenario TumbleAggregate(int rows = 1024, int auctions = 1000) =>
        new WindowAggregateScenario("window: TUMBLE 10 s", WindowSpec.Tumble(TimeSpan.FromSeconds(10)), rows, auctions);

    /// <summary>The same over HOP(date_time, 2 s slide, 10 s size): each row in five windows.</summary>
    public static OperatorScenario HopAggregate(int rows = 1024, int auctions = 1000) =>
        new WindowAggregateScenario("window: HOP 2 s / 10 s", WindowSpec.Hop(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), rows, auctions);

    /// <summary>
    /// The same HOP(2 s, 10 s) aggregation by slices (<see cref="SlicingWindowAggregateOperator"/>, what the planner
    /// uses): each row accumulated into one 2 s slice, each window the merge of five slices.
    /// </summary>
    public static OperatorScenario SlicedHopAggregate(int rows = 1024, int auctions = 1000) => new SlicedWindowAggregateScenario(
        "window: HOP 2 s / 10 s, sliced", WindowSpec.Hop(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), rows, auctions);

    /// <summary>A regular inner join bid ⋈ auction ON bid.auction = auction.id; the auctions are in state, bids probe.</summary>
    public static OperatorScenario JoinProbe(int rows = 1024, int auctions = 1000) => new JoinProbeScenario(rows, auctions);

    private static AggregateCall[] Calls(bool max) =>
        max
            ? [
                new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "bids"),
                new AggregateCall(AggregateKind.Sum, Bids.Price, DataTypes.BigInt(), "total"),
                new AggregateCall(AggregateKind.Max, Bids.Price, DataTypes.BigInt(), "top"),
            ]
            : [
                new AggregateCall(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "bids"),
                new AggregateCall(AggregateKind.Sum, Bids.Price, DataTypes.BigInt(), "total"),
            ];

    private sealed class CalcScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly OperatorHarness _harness;
        private long _seq;

        public CalcScenario(string name, string projection, string? condition, int rows)
        {
            Name = name;
            _bids = new Bids(rows, 1000);
            var (expressions, filter, outputSchema) = SqlBinding.Bind(projection, condition);
            _harness = new OperatorHarness(new CalcOperator(Bids.Schema, filter, expressions, outputSchema)).Open();
        }

        public override string Name { get; }

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            var batch = _bids.Batch(_seq);
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

    private sealed class GroupAggregateScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly bool _retract;
        private readonly OperatorHarness _harness;
        private long _seq;

        public GroupAggregateScenario(bool retract, int rows, int auctions)
        {
            _retract = retract;
            _bids = new Bids(rows, auctions);
            _harness = new OperatorHarness(new GroupAggregateOperator(Bids.Schema, [Bids.Auction], Calls(max: true))).Open();
        }

        public override string Name => _retract ? "group aggregate: retractions" : "group aggregate: insert-only";

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            // With retractions, the first batch only adds; each later one retracts the newest half of the one before.
            var retract = _retract && _seq > 0;
            var batch = _bids.Batch(_seq, retract);
            _seq += retract ? _bids.Rows / 2 : _bids.Rows;
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

    private sealed class WindowAggregateScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly OperatorHarness _assign;
        private readonly OperatorHarness _aggregate;
        private readonly List<IBatch> _assigned = [];
        private long _seq;

        public WindowAggregateScenario(string name, WindowSpec window, int rows, int auctions)
        {
            Name = name;
            _bids = new Bids(rows, auctions);
            var assign = new WindowAssignOperator(Bids.Schema, window, Bids.DateTime);
            var width = Bids.Schema.Count;
            _assign = new OperatorHarness(assign).Open();
            _aggregate = new OperatorHarness(new WindowAggregateOperator(assign.OutputSchema, [Bids.Auction], width, width + 1, Calls(max: false)))
                .Open();
        }

        public override string Name { get; }

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            var batch = _bids.Batch(_seq);
            _seq += _bids.Rows;
            return batch;
        }

        public override void Process(IBatch input)
        {
            _assign.ProcessBatch(input);

            // The assigned batches move on to the aggregate, which disposes them (the harness's own dispose is then ignored).
            _assigned.AddRange(_assign.OutputBatches);
            foreach (var batch in _assigned)
            {
                _aggregate.ProcessBatch(batch);
            }

            _assigned.Clear();
            _assign.ClearOutput();

            // The watermark trails the newest bid by one second, so windows fire as time passes.
            _aggregate.ProcessWatermark(Bids.MillisOf(_seq - 1) - 1000);
            Drain(_aggregate);
        }

        protected override void Dispose(bool disposing)
        {
            _assign.Dispose();
            _aggregate.Dispose();
            _bids.Dispose();
        }
    }

    private sealed class SlicedWindowAggregateScenario : OperatorScenario
    {
        private readonly Bids _bids;
        private readonly OperatorHarness _aggregate;
        private long _seq;

        public SlicedWindowAggregateScenario(string name, WindowSpec window, int rows, int auctions)
        {
            Name = name;
            _bids = new Bids(rows, auctions);
            _aggregate = new OperatorHarness(new SlicingWindowAggregateOperator(Bids.Schema, [Bids.Auction], Bids.DateTime, window, Calls(max: false)))
                .Open();
        }

        public override string Name { get; }

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput()
        {
            var batch = _bids.Batch(_seq);
            _seq += _bids.Rows;
            return batch;
        }

        public override void Process(IBatch input)
        {
            _aggregate.ProcessBatch(input);

            // The watermark trails the newest bid by one second, so windows fire as time passes.
            _aggregate.ProcessWatermark(Bids.MillisOf(_seq - 1) - 1000);
            Drain(_aggregate);
        }

        protected override void Dispose(bool disposing)
        {
            _aggregate.Dispose();
            _bids.Dispose();
        }
    }

    private sealed class JoinProbeScenario : OperatorScenario
    {
        /// <summary>The probing batches repeat after this many, so the probe side's state stops growing.</summary>
        private const int DistinctBatches = 4;

        private readonly Bids _bids;
        private readonly OperatorHarness _harness;
        private long _batch;

        public JoinProbeScenario(int rows, int auctions)
        {
            _bids = new Bids(rows, auctions);
            _harness = new OperatorHarness(new JoinOperator(Bids.Schema, Auctions.Schema, [Bids.Auction], [0], JoinKind.Inner)).Open();
            Auctions.AddTo(_harness, auctions);
        }

        public override string Name => "join: probe (inner, 1 match per row)";

        public override int RowsPerBatch => _bids.Rows;

        public override IBatch NextInput() => _bids.Batch(_bids.Rows * (_batch++ % DistinctBatches));

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
