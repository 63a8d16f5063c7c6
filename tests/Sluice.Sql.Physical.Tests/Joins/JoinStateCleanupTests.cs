using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Joins;

/// <summary>
/// The regular inner join's exact state cleanup by the watermark (<see cref="JoinOperator.StateCleanup"/>), in Nexmark q7's
/// shape: left rows (k, t, v) join right rows (k, w) where <c>t BETWEEN w - 10 s AND w</c>, and the right rows' w is
/// watermark-bounded (a window aggregation's <c>window_end</c>: never at or below the watermark when it arrives), so a left
/// row can go once the watermark reaches <c>t + 10 s</c>. The residual condition is evaluated after the join (as the
/// planner does for an inner join), so results are compared after it.
/// </summary>
public sealed class JoinStateCleanupTests
{
    private const long Bound = 10_000;

    private static readonly Schema Left = Schema.Of(
        new Field("k", DataTypes.Int()), new Field("t", DataTypes.Timestamp(3)), new Field("v", DataTypes.String()));

    private static readonly Schema Right = Schema.Of(new Field("rk", DataTypes.Int()), new Field("w", DataTypes.Timestamp(3)));

    private static JoinOperator NewJoin(bool cleanup) =>
        new(Left, Right, [0], [0], JoinKind.Inner)
        {
            StateCleanup = cleanup ? new JoinStateCleanup(0, 1, Bound, "t + 10000 ms") : null,
        };

    [Fact]
    public void StoredRows_AreRemoved_OnceTheWatermarkPassesTheirTimePlusTheBound()
    {
        var join = NewJoin(cleanup: true);
        using var harness = new OperatorHarness(join);
        harness.ProcessBatch(Batch(Left, R("+I", 1, T(1_000), "a"), R("+I", 1, T(3_000), "b"), R("+I", 2, T(1_000), "c"),
            R("+I", 1, T(50_000), "d")), 0);
        Assert.Equal(4, join.StoredEntries(0));

        // Timers are rounded up to a quarter of the bound (2.5 s): a and c expire at 11 000, their keys' timers fire at
        // 12 500; key 1's next timer is b's (13 000, rounded up to 15 000), then d's (60 000).
        harness.ProcessWatermark(12_499);
        Assert.Equal(4, join.StoredEntries(0));
        harness.ProcessWatermark(12_500);
        Assert.Equal(2, join.StoredEntries(0));
        harness.ProcessWatermark(14_999);
        Assert.Equal(2, join.StoredEntries(0));
        harness.ProcessWatermark(15_000);
        Assert.Equal(1, join.StoredEntries(0));
        harness.ProcessWatermark(60_000);
        Assert.Equal(0, join.StoredEntries(0));
    }

    [Fact]
    public void WithoutCleanup_EveryRowStays()
    {
        var join = NewJoin(cleanup: false);
        using var harness = new OperatorHarness(join);
        harness.ProcessBatch(Batch(Left, R("+I", 1, T(1_000), "a"), R("+I", 2, T(1_000), "c")), 0);
        harness.ProcessWatermark(1_000_000);
        Assert.Equal(2, join.StoredEntries(0));
    }

    [Fact]
    public void CleanupTimers_SurviveASnapshot_AndRemoveTheRowsAfterTheRestore()
    {
        OperatorSnapshot snapshot;
        using (var writer = new OperatorHarness(NewJoin(cleanup: true)))
        {
            writer.ProcessBatch(Batch(Left, R("+I", 1, T(1_000), "a"), R("+I", 2, T(5_000), "b"), R("+I", 2, T(30_000), "c")), 0);
            writer.ProcessWatermark(11_000);
            snapshot = writer.Snapshot(1);
        }

        var restored = NewJoin(cleanup: true);
        using var harness = new OperatorHarness(restored, restoreFrom: [snapshot]).Open();
        Assert.Equal(3, restored.StoredEntries(0));

        // a's and b's timers (12 500, 15 000) were pending in the snapshot; c's (40 000) is registered by b's when it fires.
        harness.ProcessWatermark(15_000);
        Assert.Equal(1, restored.StoredEntries(0));
        harness.ProcessWatermark(40_000);
        Assert.Equal(0, restored.StoredEntries(0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomStreamsWithLateLeftRows_GiveTheResultsOfTheJoinWithoutCleanup_AcrossARestore(int seed)
    {
        var script = RandomScript(new Random(seed), steps: 300);
        var plain = Run(NewJoin(cleanup: false), script, snapshotAfter: -1, out var plainStored);
        var cleaned = Run(NewJoin(cleanup: true), script, snapshotAfter: -1, out var cleanedStored);
        var restored = Run(NewJoin(cleanup: true), script, snapshotAfter: script.Count / 2, out _);

        Assert.NotEmpty(plain);
        Assert.Equal(plain, cleaned);
        Assert.Equal(plain, restored);

        // The cleanup did remove rows: the plain join keeps every left row, the cleaned one those within reach.
        Assert.True(cleanedStored < plainStored / 2, $"{cleanedStored} of {plainStored} left rows still stored");
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 2)]
    public void RandomStreams_GiveTheResultsOfTheJoinWithoutCleanup_AcrossARestoreAtAnotherParallelism(int seed, int parallelism)
    {
        var script = RandomScript(new Random(seed), steps: 300);
        var plain = Run(NewJoin(cleanup: false), script, snapshotAfter: -1, out var plainStored);
        var rescaled = RunRescaled(script, snapshotAfter: script.Count / 2, parallelism, out var rescaledStored);

        Assert.NotEmpty(plain);
        Assert.Equal(plain, rescaled);
        Assert.True(rescaledStored < plainStored / 2, $"{rescaledStored} of {plainStored} left rows still stored");
    }

    [Fact]
    public void RestoredKeys_AreSweptByTheSubtasksThatOwnThemAfterRescaling()
    {
        // 40 keys, rows in time order per key: key k has rows at 1 000 + k * 250 and 20 000 + k * 250 (expiring 10 s later).
        OperatorSnapshot snapshot;
        using (var writer = new OperatorHarness(NewJoin(cleanup: true)))
        {
            writer.ProcessBatch(Batch(Left, Enumerable.Range(0, 40).Select(k => R("+I", k, T(1_000 + (k * 250)), "a" + k)).ToArray()), 0);
            writer.ProcessBatch(Batch(Left, Enumerable.Range(0, 40).Select(k => R("+I", k, T(20_000 + (k * 250)), "b" + k)).ToArray()), 0);
            writer.ProcessWatermark(5_000);
            snapshot = writer.Snapshot(1);
        }

        var joins = new[] { NewJoin(cleanup: true), NewJoin(cleanup: true) };
        var harnesses = joins.Select((join, i) => new OperatorHarness(join, parallelism: 2, subtaskIndex: i, restoreFrom: [snapshot]).Open()).ToArray();
        try
        {
            var stored = joins.Select(join => join.StoredEntries(0)).ToArray();
            Assert.All(stored, count => Assert.True(count > 0));
            Assert.Equal(80, stored.Sum());

            // The buckets are 2.5 s wide and the watermarks multiples of that, so a watermark removes exactly the rows that
            // expired by then: at 15 000 the first rows of keys 0..16 (11 000 + k * 250 <= 15 000); at 30 000 every first
            // row (the latest expires at 20 750) and the second row of key 0 (30 000); at 40 000 all (39 750 the latest).
            foreach (var harness in harnesses)
            {
                harness.ProcessWatermark(15_000);
            }

            Assert.Equal(80 - 17, joins.Sum(join => join.StoredEntries(0)));
            foreach (var harness in harnesses)
            {
                harness.ProcessWatermark(30_000);
            }

            Assert.Equal(40 - 1, joins.Sum(join => join.StoredEntries(0)));
            foreach (var harness in harnesses)
            {
                harness.ProcessWatermark(40_000);
            }

            Assert.Equal(0, joins.Sum(join => join.StoredEntries(0)));
        }
        finally
        {
            foreach (var harness in harnesses)
            {
                harness.Dispose();
            }
        }
    }

    /// <summary>
    /// Left rows around the watermark (a fifth of them late: up to 8 s behind it), right rows never late (w above the
    /// watermark, as a window's end is when its row is emitted), watermarks advancing; few keys so that rows meet.
    /// </summary>
    private static List<Step> RandomScript(Random random, int steps)
    {
        var script = new List<Step>();
        long watermark = 0;
        var id = 0;
        for (var i = 0; i < steps; i++)
        {
            switch (random.Next(5))
            {
                case 0:
                    watermark += random.Next(0, 3_000);
                    script.Add(new Step(Watermark: watermark));
                    break;
                case 1:
                    script.Add(new Step(1, Enumerable.Range(0, random.Next(1, 4))
                        .Select(_ => R("+I", random.Next(4), T(watermark + 1 + random.Next(0, 12_000))))
                        .ToArray()));
                    break;
                default:
                    script.Add(new Step(0, Enumerable.Range(0, random.Next(1, 6))
                        .Select(_ => R("+I", random.Next(4), T(watermark + random.Next(-8_000, 12_000)), "v" + id++))
                        .ToArray()));
                    break;
            }
        }

        return script;
    }

    /// <summary>The joined rows that satisfy <c>t BETWEEN w - 10 s AND w</c>, sorted; the left rows stored at the end.</summary>
    private static List<string> Run(JoinOperator join, List<Step> script, int snapshotAfter, out long storedLeft)
    {
        var output = new List<string>();
        var current = join;
        var harness = new OperatorHarness(current);
        try
        {
            for (var i = 0; i < script.Count; i++)
            {
                var step = script[i];
                if (step.Rows is null)
                {
                    harness.ProcessWatermark(step.Watermark);
                }
                else
                {
                    harness.ProcessBatch(Batch(step.Input == 0 ? Left : Right, step.Rows), step.Input);
                }

                if (i == snapshotAfter)
                {
                    var snapshot = harness.Snapshot(1);
                    output.AddRange(Matching(harness));
                    harness.Dispose();
                    current = NewJoin(cleanup: join.StateCleanup is not null);
                    harness = new OperatorHarness(current, restoreFrom: [snapshot]);
                }
            }

            output.AddRange(Matching(harness));
            storedLeft = current.StoredEntries(0);
            output.Sort(StringComparer.Ordinal);
            return output;
        }
        finally
        {
            harness.Dispose();
        }
    }

    /// <summary>
    /// As <see cref="Run"/>, at parallelism 1 up to <paramref name="snapshotAfter"/>, then restored at
    /// <paramref name="parallelism"/>: rows go to the subtask owning their key's group, watermarks to every subtask.
    /// </summary>
    private static List<string> RunRescaled(List<Step> script, int snapshotAfter, int parallelism, out long storedLeft)
    {
        var output = new List<string>();
        var first = NewJoin(cleanup: true);
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(first))
        {
            for (var i = 0; i <= snapshotAfter; i++)
            {
                Apply(harness, script[i]);
            }

            snapshot = harness.Snapshot(1);
            output.AddRange(Matching(harness));
        }

        var joins = Enumerable.Range(0, parallelism).Select(_ => NewJoin(cleanup: true)).ToArray();
        var harnesses = joins.Select((join, i) => new OperatorHarness(join, parallelism: parallelism, subtaskIndex: i, restoreFrom: [snapshot]).Open())
            .ToArray();
        var keys = new RowKeyCache(new RowEncoder(Left, [0]));
        try
        {
            for (var i = snapshotAfter + 1; i < script.Count; i++)
            {
                var step = script[i];
                if (step.Rows is null)
                {
                    foreach (var harness in harnesses)
                    {
                        harness.ProcessWatermark(step.Watermark);
                    }

                    continue;
                }

                // Both sides' keys are one INT column, encoded alike: the left schema's encoder finds the subtask of either.
                foreach (var row in step.Rows)
                {
                    using var probe = Batch(Left, R("+I", row.Item2[0], T(0), "x"));
                    var keyGroup = Core.Keys.KeyGroups.Assign(RowKeyHasher.Instance.GetStableHash(keys.KeyOf(probe, probe.PhysicalRow(0))),
                        Core.Keys.KeyGroups.DefaultMaxParallelism);
                    var subtask = Core.Keys.KeyGroups.SubtaskFor(keyGroup, Core.Keys.KeyGroups.DefaultMaxParallelism, parallelism);
                    harnesses[subtask].ProcessBatch(Batch(step.Input == 0 ? Left : Right, row), step.Input);
                }
            }

            foreach (var harness in harnesses)
            {
                output.AddRange(Matching(harness));
            }

            storedLeft = joins.Sum(join => join.StoredEntries(0));
            output.Sort(StringComparer.Ordinal);
            return output;
        }
        finally
        {
            foreach (var harness in harnesses)
            {
                harness.Dispose();
            }
        }
    }

    private static void Apply(OperatorHarness harness, Step step)
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

    private static IEnumerable<string> Matching(OperatorHarness harness)
    {
        var rows = new List<string>();
        foreach (var batch in harness.OutputBatches.Cast<RecordBatch>())
        {
            for (var i = 0; i < batch.RowCount; i++)
            {
                var physical = batch.PhysicalRow(i);
                var t = ((Core.Vectors.PrimitiveVector<long>)batch.Column(1)).Values[physical];
                var w = ((Core.Vectors.PrimitiveVector<long>)batch.Column(4)).Values[physical];
                if (t >= w - (Bound * 1000) && t <= w)
                {
                    rows.Add(batch.ToRowStrings()[i]);
                }
            }
        }

        harness.ClearOutput();
        return rows;
    }

    /// <summary>A TIMESTAMP(3) value <paramref name="millis"/> milliseconds after the epoch (stored as microseconds).</summary>
    private static long T(long millis) => millis * 1000;

    private sealed record Step(int Input = 0, (string, object?[])[]? Rows = null, long Watermark = 0);
}
