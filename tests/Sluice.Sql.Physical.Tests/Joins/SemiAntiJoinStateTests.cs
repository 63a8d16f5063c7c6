using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Catalog.Functions;
using Sluice.Sql.Physical.Operators;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The semi and anti join's state (each key's rows encoded in one block per side): duplicates and retractions on both
/// sides, with and without a residual condition, survive a snapshot at every point, a change of parallelism, and
/// snapshots written in the earlier form (map states row → count, and row → (count, matches)).
/// </summary>
public sealed class SemiAntiJoinStateTests
{
    private static readonly Schema Left = Schema.Of(new Field("k", DataTypes.Int()), new Field("ts", DataTypes.Int()));
    private static readonly Schema Right = Schema.Of(new Field("rk", DataTypes.Int()), new Field("rts", DataTypes.Int()));

    // rts > ts
    private static readonly BoundExpression Later = BoundCall.Create(BuiltInFunctions.GreaterThan, DataTypes.Boolean(),
        new BoundInputRef(3, "rts", DataTypes.Int()), new BoundInputRef(1, "ts", DataTypes.Int()));

    /// <summary>Duplicates on both sides, retracted one occurrence at a time; a retraction of a row never stored; null keys.</summary>
    private static readonly (int Input, (string, object?[])[] Rows)[] Script =
    [
        (0, [R("+I", 1, 5), R("+I", 1, 5), R("+I", 2, 7), R("+I", null, 1)]),
        (1, [R("+I", 1, 9), R("+I", 1, 9), R("+I", 3, 1)]),
        (0, [R("-D", 1, 5), R("+I", 3, 0), R("-D", 4, 4)]),
        (1, [R("-D", 1, 9), R("+I", 2, 6), R("-D", 5, 5)]),
        (0, [R("+I", 1, 5), R("-D", 2, 7), R("+I", 2, 1)]),
        (1, [R("-D", 1, 9), R("+I", 2, 8)]),
        (0, [R("-D", 1, 5), R("-D", 1, 5), R("-D", null, 1)]),
        (1, [R("+I", 1, 9), R("-D", 3, 1), R("-D", 2, 6)]),
    ];

    private static SemiAntiJoinOperator New(bool anti, bool condition) =>
        new(Left, Right, [0], [0], anti, condition: condition ? Later : null);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void ARestoreAtEveryPoint_GivesTheUninterruptedOutput(bool anti, bool condition)
    {
        var uninterrupted = RunTwoInput(() => New(anti, condition), Left, Right, Script, -1);
        for (var after = 0; after < Script.Length - 1; after++)
        {
            Assert.Equal(uninterrupted, RunTwoInput(() => New(anti, condition), Left, Right, Script, after));
        }

        // What is left of the left side: (2, 1) and (3, 0), and (null, 1) for anti... less its retraction. Key 1 ends
        // with no left rows; key 2 has the right row (2, 8); key 3 none left on the right.
        List<string> expected = (anti, condition) switch
        {
            (false, _) => ["[2, 1]"],
            (true, _) => ["[3, 0]"],
        };
        Assert.Equal(expected, Materialize(uninterrupted).Order());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void RestoreAtAnotherParallelism_SplitsTheKeysAndKeepsTheirRows(bool anti, bool condition)
    {
        var uninterrupted = RunTwoInput(() => New(anti, condition), Left, Right, Script, -1);
        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var single = new OperatorHarness(New(anti, condition)).Open())
        {
            foreach (var (input, rows) in Script[..4])
            {
                single.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
            }

            snapshot = single.Snapshot(1);
            output.AddRange(Output(single));
        }

        var subtasks = Enumerable.Range(0, 2)
            .Select(i => new OperatorHarness(New(anti, condition), parallelism: 2, subtaskIndex: i, restoreFrom: [snapshot]).Open())
            .ToArray();
        try
        {
            var keyOf = new RowEncoder(Left, [0]);
            foreach (var (input, rows) in Script[4..])
            {
                foreach (var row in rows)
                {
                    using var probe = Batch(Left, row);
                    var subtask = 0;
                    if (!probe.Column(0).IsNull(0))
                    {
                        var keyGroup = KeyGroups.Assign(RowKeyHasher.Instance.GetStableHash(keyOf.KeyOf(probe, 0)), KeyGroups.DefaultMaxParallelism);
                        subtask = KeyGroups.SubtaskFor(keyGroup, KeyGroups.DefaultMaxParallelism, 2);
                    }

                    subtasks[subtask].ProcessBatch(Batch(input == 0 ? Left : Right, row), input);
                }
            }

            output.AddRange(subtasks.SelectMany(Output));
        }
        finally
        {
            foreach (var subtask in subtasks)
            {
                subtask.Dispose();
            }
        }

        Assert.Equal(uninterrupted.Order(), output.Order());
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void SnapshotsOfTheEarlierMapStateForm_Restore_AndContinueAsTheUninterruptedRun(bool anti, bool condition)
    {
        // The state the map-state form kept after the first two steps of the script: left (1, 5) twice and (2, 7); right
        // (1, 9) twice and (3, 1); with a condition each left row's matches (9 > 5: two for (1, 5); none for (2, 7)).
        OperatorSnapshot snapshot;
        var legacy = new LegacySemiState(condition);
        using (var writer = new OperatorHarness(legacy).Open())
        {
            legacy.Put(0, [1, 5], 2, 2);
            legacy.Put(0, [2, 7], 1, 0);
            legacy.Put(1, [1, 9], 2, 0);
            legacy.Put(1, [3, 1], 1, 0);
            snapshot = writer.Snapshot(1);
        }

        var uninterrupted = RunTwoInput(() => New(anti, condition), Left, Right, Script, -1);
        var firstTwo = RunTwoInput(() => New(anti, condition), Left, Right, Script[..2], -1);
        using var restored = new OperatorHarness(New(anti, condition), restoreFrom: [snapshot]).Open();
        foreach (var (input, rows) in Script[2..])
        {
            restored.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        }

        Assert.Equal(uninterrupted, [.. firstTwo, .. Output(restored)]);

        // Snapshotted again, the rows are in the new form only: a restore of that snapshot goes on the same way.
        var again = restored.Snapshot(2);
        using var second = new OperatorHarness(New(anti, condition), restoreFrom: [again]).Open();
        second.ProcessBatch(Batch(Right, R("-D", 2, 8)), 1);
        Assert.Equal(anti ? ["+I[2, 1]"] : ["-D[2, 1]"], Output(second));
    }

    [Fact]
    public void TimeToLive_ExpiresEachStoredRowOnItsOwn_AlsoAcrossARestore()
    {
        var ttl = new StateTtlConfig(TimeSpan.FromSeconds(1));
        var clock = new ManualTimeProvider();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new SemiAntiJoinOperator(Left, Right, [0], [0], anti: false, ttl), timeProvider: clock).Open())
        {
            first.ProcessBatch(Batch(Left, R("+I", 1, 1)), 0);
            clock.Advance(TimeSpan.FromMilliseconds(600));
            first.ProcessBatch(Batch(Left, R("+I", 1, 2)), 0);
            snapshot = first.Snapshot(1);
        }

        clock.Advance(TimeSpan.FromMilliseconds(500));
        using var restored = new OperatorHarness(new SemiAntiJoinOperator(Left, Right, [0], [0], anti: false, ttl), timeProvider: clock,
            restoreFrom: [snapshot]).Open();

        // (1, 1) was written 1.1 s ago and has expired; (1, 2), 0.5 s old, is still there when its first match comes.
        restored.ProcessBatch(Batch(Right, R("+I", 1, 9)), 1);
        Assert.Equal(["+I[1, 2]"], Output(restored));
    }

    /// <summary>Writes semi/anti join state as the map-state form did.</summary>
    private sealed class LegacySemiState(bool condition) : StreamOperator
    {
        private IKeyedStateBackend<RowKey>? _backend;
        private IMapState<RowData, long>? _left;
        private IMapState<RowData, (long, long)>? _leftMatches;
        private IMapState<RowData, long>? _right;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
            if (condition)
            {
                _leftMatches = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("semi-left-matches", RowDataSerializer.Instance,
                    Serializers.Tuple(Serializers.Int64, Serializers.Int64)));
            }
            else
            {
                _left = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-left-rows", RowDataSerializer.Instance, Serializers.Int64));
            }

            _right = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-right-rows", RowDataSerializer.Instance, Serializers.Int64));
        }

        public void Put(int side, object?[] values, long count, long matches)
        {
            var schema = side == 0 ? Left : Right;
            using var batch = Batch(schema, ("+I", values));
            _backend!.SetCurrentKey(new RowEncoder(schema, [0]).KeyOf(batch, 0));
            var row = RowEncoder.AllColumns(schema).RowOf(batch, 0);
            if (side == 1)
            {
                _right!.Put(row, count);
            }
            else if (condition)
            {
                _leftMatches!.Put(row, (count, matches));
            }
            else
            {
                _left!.Put(row, count);
            }
        }

        public override void ProcessBatch(IBatch batch, IOutput output) => batch.Dispose();
    }
}
