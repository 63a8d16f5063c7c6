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
/// The event-time temporal join's state (each key's buffered rows and versions encoded in time order): rows and versions
/// arriving out of order, a version replaced at its own time, a deletion, a late row; and snapshots written in the earlier
/// form (map states time → rows and time → (row, deleted), and their timers) restore and go on as the uninterrupted run.
/// </summary>
public sealed class TemporalJoinStateTests
{
    private static readonly Schema Orders = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("o", DataTypes.String()), new Field("ot", DataTypes.Timestamp(3)));

    private static readonly Schema Rates = Schema.Of(
        new Field("rk", DataTypes.Int()), new Field("rate", DataTypes.Int()), new Field("vt", DataTypes.Timestamp(3)));

    /// <summary>
    /// LEFT join. After the first three steps: orders of key 1 at 150 (a), 250 (b), 120 (c), 210 (f), of key 2 at 160 (d);
    /// versions of key 1: 10 from 100, 12 from 200 (replacing 11 at the same time); of key 2: 20 from 100.
    /// </summary>
    private static readonly Step[] Script =
    [
        new(1, [R("+U", 1, 11, T(200)), R("+I", 1, 10, T(100))]),
        new(0, [R("+I", 1, "a", T(150)), R("+I", 1, "b", T(250)), R("+I", 1, "c", T(120)), R("+I", 1, "f", T(210)), R("+I", 2, "d", T(160))]),
        new(1, [R("+U", 1, 12, T(200)), R("+I", 2, 20, T(100))]),
        new(Watermark: 200),
        new(1, [R("-D", 1, 12, T(240))]),
        new(0, [R("+I", 1, "e", T(180))]),
        new(Watermark: 300),
    ];

    private static TemporalJoinOperator NewJoin() => new(Orders, Rates, [0], [0], JoinKind.Left, 2, 2);

    [Fact]
    public void OutOfOrderRowsAndVersions_JoinByTime_AndCleanUpAsTheWatermarkPasses()
    {
        using var harness = new OperatorHarness(NewJoin());
        Run(harness, Script);
        Assert.Equal(
        [
            // Released by the watermark at 200, in time order: c and a see 10 (from 100), d sees key 2's 20.
            "+I[1, c, 120, 1, 10, 100]", "+I[1, a, 150, 1, 10, 100]", "+I[2, d, 160, 2, 20, 100]",
            // e is late (180 <= 200): the version from 100 it needs was cleaned up when the watermark passed 200.
            "+I[1, e, 180, null, null, null]",
            // Released at 300: f sees 12, which replaced 11 at 200; b (250) comes after the deletion at 240.
            "+I[1, f, 210, 1, 12, 200]", "+I[1, b, 250, null, null, null]",
        ], TimedOutput(harness));
        Assert.Equal(1, ((TemporalJoinOperator)harness.Operator).LateRows);
    }

    [Fact]
    public void SnapshotsOfTheEarlierMapStateForm_Restore_AndContinueAsTheUninterruptedRun()
    {
        OperatorSnapshot snapshot;
        var legacy = new LegacyTemporalState();
        using (var writer = new OperatorHarness(legacy).Open())
        {
            // As the earlier form stored the first three steps, with a timer per row time and version time.
            legacy.PutOrders(1, [(150, "a"), (250, "b"), (120, "c"), (210, "f")]);
            legacy.PutOrders(2, [(160, "d")]);
            legacy.PutVersions(1, [(100, 10, false), (200, 12, false)]);
            legacy.PutVersions(2, [(100, 20, false)]);
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

    [Fact]
    public void ADeletionRestoredFromTheEarlierForm_HidesTheVersionBeforeIt()
    {
        OperatorSnapshot snapshot;
        var legacy = new LegacyTemporalState();
        using (var writer = new OperatorHarness(legacy).Open())
        {
            legacy.PutVersions(1, [(100, 10, false), (200, 10, true)]);
            legacy.PutOrders(1, [(150, "a"), (250, "b")]);
            snapshot = writer.Snapshot(1);
        }

        using var restored = new OperatorHarness(NewJoin(), restoreFrom: [snapshot]);
        restored.ProcessWatermark(300);
        Assert.Equal(["+I[1, a, 150, 1, 10, 100]", "+I[1, b, 250, null, null, null]"], TimedOutput(restored));
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
                harness.ProcessBatch(Batch(step.Input == 0 ? Orders : Rates, step.Rows), step.Input);
            }
        }
    }

    private sealed record Step(int Input = 0, (string, object?[])[]? Rows = null, long Watermark = 0);

    /// <summary>Writes temporal join state as the map-state form did (its state names, serializers and timers).</summary>
    private sealed class LegacyTemporalState : StreamOperator, ITimerCallback<RowKey, long>
    {
        private IKeyedStateBackend<RowKey>? _backend;
        private IMapState<long, List<RowData>>? _orders;
        private IMapState<long, (RowData, bool)>? _versions;
        private TimerService<RowKey, long>? _timers;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
            _orders = _backend.GetMapState(new MapStateDescriptor<long, List<RowData>>("temporal-join-left", Serializers.Int64,
                Serializers.ListOf(RowDataSerializer.Instance)));
            _versions = _backend.GetMapState(new MapStateDescriptor<long, (RowData, bool)>("temporal-join-versions", Serializers.Int64,
                Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean)));
            _timers = context.GetTimerService("temporal-join", Serializers.Int64, this);
        }

        public void PutOrders(int key, (long Time, string Payload)[] rows)
        {
            foreach (var (time, payload) in rows)
            {
                using var batch = Batch(Orders, R("+I", key, payload, T(time)));
                _backend!.SetCurrentKey(new RowEncoder(Orders, [0]).KeyOf(batch, 0));
                if (!_orders!.TryGet(time, out var list))
                {
                    list = [];
                }

                list.Add(RowEncoder.AllColumns(Orders).RowOf(batch, 0));
                _orders.Put(time, list);
                _timers!.RegisterEventTimeTimer(0, time);
            }
        }

        public void PutVersions(int key, (long Time, int Rate, bool Deleted)[] versions)
        {
            foreach (var (time, rate, deleted) in versions)
            {
                using var batch = Batch(Rates, R("+I", key, rate, T(time)));
                _backend!.SetCurrentKey(new RowEncoder(Rates, [0]).KeyOf(batch, 0));
                _versions!.Put(time, (RowEncoder.AllColumns(Rates).RowOf(batch, 0), deleted));
                _timers!.RegisterEventTimeTimer(0, time);
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
