using Sluice.Core.Batches;
using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators;
using Sluice.State.Keyed;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The regular join's state (each key's rows encoded in one byte array per side) survives snapshots: duplicates and their
/// retractions, outer match counts, a change of parallelism, per-row time-to-live, and snapshots written in the earlier
/// form (a map state row → (count, matches) per side).
/// </summary>
public sealed class JoinStateSnapshotTests
{
    private static readonly Schema Left = Schema.Of(new Field("id", DataTypes.Int()), new Field("l", DataTypes.String()));
    private static readonly Schema Right = Schema.Of(new Field("rid", DataTypes.Int()), new Field("r", DataTypes.String()));

    /// <summary>Duplicates on both sides, retracted one occurrence at a time, with rows matching and losing their matches.</summary>
    private static readonly (int Input, (string, object?[])[] Rows)[] DuplicateScript =
    [
        (0, [R("+I", 1, "a"), R("+I", 1, "a"), R("+I", 2, "b")]),
        (1, [R("+I", 1, "x"), R("+I", 1, "x"), R("+I", 3, "z")]),
        (0, [R("-D", 1, "a")]),
        (1, [R("-D", 1, "x"), R("+I", 2, "y")]),
        (0, [R("+I", 1, "a"), R("-D", 2, "b")]),
        (1, [R("-D", 1, "x")]),
        (0, [R("-D", 1, "a"), R("-D", 1, "a")]),
        (1, [R("+I", 1, "x"), R("-D", 3, "z")]),
    ];

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Right)]
    [InlineData(JoinKind.Full)]
    public void RetractingDuplicatesAcrossARestore_MatchesTheUninterruptedRun_AtEverySnapshotPoint(JoinKind kind)
    {
        var uninterrupted = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, DuplicateScript, -1);
        for (var after = 0; after < DuplicateScript.Length - 1; after++)
        {
            Assert.Equal(uninterrupted, RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, DuplicateScript, after));
        }

        // After the script: left (1, a) was added three times and retracted as often, right holds one (1, x) and (2, y);
        // only the right side's unmatched rows remain in the view, and only when the right side is outer.
        List<string> expected = kind is JoinKind.Right or JoinKind.Full ? ["[null, null, 1, x]", "[null, null, 2, y]"] : [];
        Assert.Equal(expected.Order(), Materialize(uninterrupted).Order());
    }

    [Fact]
    public void Duplicates_JoinWithTheirMultiplicity_AfterARestore()
    {
        var script = new (int Input, (string, object?[])[] Rows)[]
        {
            (0, [R("+I", 1, "a"), R("+I", 1, "a")]),
            (1, [R("+I", 1, "x")]),
            (0, [R("-D", 1, "a")]),
        };

        var output = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], JoinKind.Left), Left, Right, script, 0);

        Assert.Equal(
        [
            "+I[1, a, null, null]", "+I[1, a, null, null]",
            "-D[1, a, null, null]", "-D[1, a, null, null]", "+I[1, a, 1, x]", "+I[1, a, 1, x]",
            "-D[1, a, 1, x]",
        ], output);
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Full)]
    public void RestoreAtAnotherParallelism_SplitsTheKeysAndKeepsTheirRows(JoinKind kind)
    {
        var before = DuplicateScript[..4];
        var after = DuplicateScript[4..];
        var uninterrupted = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, DuplicateScript, -1);

        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var single = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], kind)).Open())
        {
            foreach (var (input, rows) in before)
            {
                single.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
            }

            snapshot = single.Snapshot(1);
            output.AddRange(Output(single));
        }

        var subtasks = Enumerable.Range(0, 2)
            .Select(i => new OperatorHarness(new JoinOperator(Left, Right, [0], [0], kind), parallelism: 2, subtaskIndex: i, restoreFrom: [snapshot]).Open())
            .ToArray();
        try
        {
            var keyOf = new RowEncoder(Left, [0]);
            foreach (var (input, rows) in after)
            {
                foreach (var row in rows)
                {
                    using var probe = Batch(Left, row);
                    var keyGroup = KeyGroups.Assign(RowKeyHasher.Instance.GetStableHash(keyOf.KeyOf(probe, 0)), KeyGroups.DefaultMaxParallelism);
                    var subtask = KeyGroups.SubtaskFor(keyGroup, KeyGroups.DefaultMaxParallelism, 2);
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

        Assert.Equal(Materialize(uninterrupted).Order(), Materialize(output).Order());
        Assert.Equal(uninterrupted.Order(), output.Order());
    }

    [Fact]
    public void TimeToLive_ExpiresEachRowOnItsOwn_AlsoAcrossARestore()
    {
        var ttl = new StateTtlConfig(TimeSpan.FromSeconds(1));
        var clock = new ManualTimeProvider();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Inner, ttl), timeProvider: clock).Open())
        {
            first.ProcessBatch(Batch(Left, R("+I", 1, "old")), 0);
            clock.Advance(TimeSpan.FromMilliseconds(600));
            first.ProcessBatch(Batch(Left, R("+I", 1, "young")), 0);
            snapshot = first.Snapshot(1);
        }

        clock.Advance(TimeSpan.FromMilliseconds(500));
        using var restored = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], JoinKind.Inner, ttl), timeProvider: clock,
            restoreFrom: [snapshot]).Open();
        restored.ProcessBatch(Batch(Right, R("+I", 1, "x")), 1);
        clock.Advance(TimeSpan.FromMilliseconds(600));
        restored.ProcessBatch(Batch(Right, R("+I", 1, "y")), 1);

        // "old" is 1.1 s old when x arrives; "young" 1.1 s when y arrives; x itself (0.6 s) is still there for "again".
        restored.ProcessBatch(Batch(Left, R("+I", 1, "again")), 0);
        Assert.Equal(["+I[1, young, 1, x]", "+I[1, again, 1, x]", "+I[1, again, 1, y]"], Output(restored));
    }

    [Theory]
    [InlineData(JoinKind.Inner)]
    [InlineData(JoinKind.Left)]
    [InlineData(JoinKind.Full)]
    public void SnapshotsOfTheEarlierMapStateForm_Restore_AndContinueAsTheUninterruptedRun(JoinKind kind)
    {
        // The state the map-state form kept after the first two steps of the script (left: (1, a) twice, (2, b); right:
        // (1, x) twice, (3, z)), with the match counts an outer side kept: written with that form's serializers.
        var outerLeft = kind is JoinKind.Left or JoinKind.Full;
        var outerRight = kind is JoinKind.Right or JoinKind.Full;
        var legacy = new LegacyJoinState(Left, Right);
        OperatorSnapshot snapshot;
        using (var writer = new OperatorHarness(legacy).Open())
        {
            legacy.Put(0, [1, "a"], 2, outerLeft ? 2 : 0);
            legacy.Put(0, [2, "b"], 1, 0);
            legacy.Put(1, [1, "x"], 2, outerRight ? 2 : 0);
            legacy.Put(1, [3, "z"], 1, 0);
            snapshot = writer.Snapshot(1);
        }

        var uninterrupted = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, DuplicateScript, -1);
        var firstTwo = RunTwoInput(() => new JoinOperator(Left, Right, [0], [0], kind), Left, Right, DuplicateScript[..2], -1);
        using var restored = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], kind), restoreFrom: [snapshot]).Open();
        foreach (var (input, rows) in DuplicateScript[2..])
        {
            restored.ProcessBatch(Batch(input == 0 ? Left : Right, rows), input);
        }

        Assert.Equal(uninterrupted, [.. firstTwo, .. Output(restored)]);

        // Snapshotted again, the restored rows are in the new form only (the earlier form's states are left empty).
        var again = restored.Snapshot(2);
        using var second = new OperatorHarness(new JoinOperator(Left, Right, [0], [0], kind), restoreFrom: [again]).Open();
        second.ProcessBatch(Batch(Left, R("+I", 1, "c")), 0);
        List<string> expected = kind == JoinKind.Full ? ["-D[null, null, 1, x]", "+I[1, c, 1, x]"] : ["+I[1, c, 1, x]"];
        Assert.Equal(expected, Output(second));
    }

    /// <summary>Writes join state as the map-state form did: per side a map state encoded row → (count, matches).</summary>
    private sealed class LegacyJoinState(Schema left, Schema right) : StreamOperator
    {
        private readonly IMapState<RowData, (long, long)>[] _sides = new IMapState<RowData, (long, long)>[2];
        private readonly Schema[] _schemas = [left, right];
        private IKeyedStateBackend<RowKey>? _backend;

        public override void Open(OperatorContext context)
        {
            base.Open(context);
            _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
            var entry = Serializers.Tuple(Serializers.Int64, Serializers.Int64);
            _sides[0] = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("join-left-rows", RowDataSerializer.Instance, entry));
            _sides[1] = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("join-right-rows", RowDataSerializer.Instance, entry));
        }

        public void Put(int side, object?[] values, long count, long matches)
        {
            using var batch = Batch(_schemas[side], ("+I", values));
            _backend!.SetCurrentKey(new RowEncoder(_schemas[side], [0]).KeyOf(batch, 0));
            _sides[side].Put(RowEncoder.AllColumns(_schemas[side]).RowOf(batch, 0), (count, matches));
        }

        public override void ProcessBatch(IBatch batch, IOutput output) => batch.Dispose();
    }
}
