using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.State.Keyed;
using Sluice.State.Timers;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Joins.TimedRows;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The interval join's state (each key's rows encoded in time order per side): rows arriving out of order are probed and
/// expired by time, and snapshots written in the earlier form (a map state time → rows per side, and its timers) restore
/// and go on as the uninterrupted run, padded rows of an outer join included.
/// </summary>
public sealed class IntervalJoinStateTests
{
    private static readonly Schema Left = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("l", DataTypes.String()), new Field("lt", DataTypes.Timestamp(3)));

    private static readonly Schema Right = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("r", DataTypes.String()), new Field("rt", DataTypes.Timestamp(3)));

    /// <summary>
    /// FULL join, <c>l.lt BETWEEN r.rt - 5 ms AND r.rt + 10 ms</c>: a left row expires at lt + 5, a right row at rt + 10.
    /// The first three steps leave: left key 1 (b at 95, a at 100, both matched by x), key 2 (c at 100, unmatched); right
    /// key 1 (x at 98, matched), key 3 (y at 100, unmatched).
    /// </summary>
    private static readonly Step[] Script =
    [
        new(0, [R("+I", 1, "a", T(100)), R("+I", 1, "b", T(95)), R("+I", 2, "c", T(100))]),
        new(1, [R("+I", 1, "x", T(98))]),
        new(1, [R("+I", 3, "y", T(100))]),
        new(0, [R("+I", 3, "d", T(95)), R("+I", 1, "e", T(90))]),
        new(Watermark: 105),
        new(1, [R("+I", 2, "z", T(103)), R("+I", 1, "w", T(100))]),
        new(Watermark: 200),
    ];

    private static IntervalJoinOperator NewJoin() =>
        new(Left, Right, [0], [0], JoinKind.Full, IntervalJoinBounds.Inclusive(-5, 10), JoinTimeDomain.EventTime, 2, 2);

    [Fact]
    public void RowsOutOfOrder_AreProbedAndExpiredByTime()
    {
        using var harness = new OperatorHarness(NewJoin());
        Run(harness, Script);

        Assert.Equal(
        [
            // x (98) meets b (95) and a (100) in time order, though a arrived first.
            "+I[1, b, 95, 1, x, 98]", "+I[1, a, 100, 1, x, 98]",
            "+I[3, d, 95, 3, y, 100]",
            // e (90) is 8 ms before x: outside [-5, 10]; it expires at 95 unmatched.
            "+I[1, e, 90, null, null, null]", "+I[2, c, 100, null, null, null]",
            // w (100) meets no stored left row of key 1: b and a expired at 100 and 105.
            "+I[null, null, null, 1, w, 100]", "+I[null, null, null, 2, z, 103]",
        ], TimedOutput(harness));
    }

    [Fact]
    public void SnapshotsOfTheEarlierMapStateForm_Restore_AndContinueAsTheUninterruptedRun()
    {
        OperatorSnapshot snapshot;
        var legacy = new LegacyIntervalState();
        using (var writer = new OperatorHarness(legacy).Open())
        {
            // As the earlier form stored the first three steps: per side time → rows with their matched flags, and a timer
            // per side and expiry time (left: time + 5, right: time + 10).
            legacy.Put(0, 1, [(100, "a", true), (95, "b", true)]);
            legacy.Put(0, 2, [(100, "c", false)]);
            legacy.Put(1, 1, [(98, "x", true)]);
            legacy.Put(1, 3, [(100, "y", false)]);
            snapshot = writer.Snapshot(1);
        }

        using var uninterrupted = new OperatorHarness(NewJoin());
        Run(uninterrupted, Script);
        using var firstThree = new OperatorHarness(NewJoin());
        Run(firstThree, Script[..3]);
        using var restored = new OperatorHarness(NewJoin(), restoreFrom: [snapshot]);
        Run(restored, Script[3..]);

        Assert.Equal(TimedOutput(uninterrupted), [.. TimedOutput(firstThree), .. TimedOutput(restored)]);
    }

    private static void Run(OperatorHarness harness, IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            if (step.Rows is null)
            {
                harness.ProcessWatermark(step.Watermark);
            }
            else
            {
                harness.ProcessBatch(Batch(step.Input == 0 ? Left : Right, step.Rows), step.Input);
            }
        }
    }

    private sealed record Step(int Input = 0, (string, object?[])[]? Rows = null, long Watermark = 0);

    /// <summary>Writes interval join state as the map-state form did (its state names, serializers and timers).</summary>
    private sealed class LegacyIntervalState : StreamOperator, ITimerCallback<RowKey, long>
    {
        private readonly IMapState<long, List<(RowData Row, bool Matched)>>[] _sides = new IMapState<long, List<(RowData Row, bool Matched)>>[2];
        private IKeyedStateBackend<RowKey>? _backend;
        private TimerService<RowKey, long>? _timers;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
            var rows = Serializers.ListOf(Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean));
            _sides[0] = _backend.GetMapState(new MapStateDescriptor<long, List<(RowData, bool)>>("interval-join-left", Serializers.Int64, rows));
            _sides[1] = _backend.GetMapState(new MapStateDescriptor<long, List<(RowData, bool)>>("interval-join-right", Serializers.Int64, rows));
            _timers = context.GetTimerService("interval-join-expiry", Serializers.Int64, this);
        }

        public void Put(int side, int key, (long Time, string Payload, bool Matched)[] rows)
        {
            var schema = side == 0 ? Left : Right;
            foreach (var (time, payload, matched) in rows)
            {
                using var batch = Batch(schema, R("+I", key, payload, T(time)));
                _backend!.SetCurrentKey(new RowEncoder(schema, [0]).KeyOf(batch, 0));
                if (!_sides[side].TryGet(time, out var list))
                {
                    list = [];
                }

                list.Add((RowEncoder.AllColumns(schema).RowOf(batch, 0), matched));
                _sides[side].Put(time, list);
                _timers!.RegisterEventTimeTimer(side, side == 0 ? time + 5 : time + 10);
            }
        }

        public override void ProcessBatch(IBatch batch, IOutput output) => batch.Dispose();

        void ITimerCallback<RowKey, long>.OnEventTime(TimerEntry<RowKey, long> timer, IOutput output)
        {
        }

        void ITimerCallback<RowKey, long>.OnProcessingTime(TimerEntry<RowKey, long> timer, IOutput output)
        {
        }
    }
}
