using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;

namespace Sluice.Sql.Physical.Tests.Aggregates;

/// <summary>
/// Mini-batch group aggregation (<see cref="MiniBatchOptions"/>): rows are buffered per key and folded into state once
/// per bundle (size, latency, barrier, end of input), with one update per changed key; results equal the run without it.
/// </summary>
public sealed class MiniBatchGroupAggregateTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Schema Input = Schema.Of(
        new Field("k", DataTypes.String()),
        new Field("v", DataTypes.BigInt()));

    private static readonly AggregateCall[] Calls =
    [
        new(AggregateKind.CountStar, -1, DataTypes.BigInt().NotNull(), "cnt"),
        new(AggregateKind.Sum, 1, DataTypes.BigInt(), "s"),
        new(AggregateKind.Max, 1, DataTypes.BigInt(), "mx"),
    ];

    private static GroupAggregateOperator NewOperator(MiniBatchOptions? miniBatch) => new(Input, [0], Calls, miniBatch: miniBatch);

    private static MiniBatchOptions Bundle(long size, int latencySeconds = 60) => new(TimeSpan.FromSeconds(latencySeconds), size);

    /// <summary>A changelog script: inserts over a few keys, with retractions of earlier rows mixed in.</summary>
    private static (string, object?[])[][] Script()
    {
        var batches = new List<(string, object?[])[]>();
        var inserted = new List<(string Key, long Value)>();
        var random = new Random(7);
        for (var b = 0; b < 40; b++)
        {
            var rows = new List<(string, object?[])>();
            for (var r = 0; r < 3; r++)
            {
                if (inserted.Count > 4 && random.Next(4) == 0)
                {
                    var victim = inserted[random.Next(inserted.Count)];
                    inserted.Remove(victim);
                    rows.Add(R("-D", victim.Key, victim.Value));
                }
                else
                {
                    var row = ($"k{random.Next(4)}", (long)random.Next(100));
                    inserted.Add(row);
                    rows.Add(R("+I", row.Item1, row.Item2));
                }
            }

            batches.Add([.. rows]);
        }

        return [.. batches];
    }

    private static List<string> Run(MiniBatchOptions? miniBatch, (string, object?[])[][] script)
    {
        using var harness = new OperatorHarness(NewOperator(miniBatch), timeProvider: new ManualTimeProvider(Start));
        foreach (var rows in script)
        {
            harness.ProcessBatch(Batch(Input, rows));
        }

        harness.EndInput();
        return Output(harness);
    }

    [Fact]
    public void Bundle_BelowSize_EmitsNothingAndTouchesNoState_UntilTheSizeIsReached()
    {
        var op = NewOperator(Bundle(size: 6));
        using var harness = new OperatorHarness(op, timeProvider: new ManualTimeProvider(Start));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L), R("+I", "b", 2L)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 3L), R("+I", "a", 5L)));

        Assert.Empty(Output(harness));
        Assert.Equal(4, op.BufferedRows);
        // Nothing is in state yet: a snapshot taken now without the pre-barrier fold would be empty.
        harness.ProcessBatch(Batch(Input, R("+I", "b", 4L), R("+I", "c", 9L)));

        Assert.Equal(0, op.BufferedRows);
        Assert.Equal(["+I[a, 3, 9, 5]", "+I[b, 2, 6, 4]", "+I[c, 1, 9, 9]"], Output(harness));
    }

    [Fact]
    public void Bundle_AllowLatencyPasses_IsFoldedByTheProcessingTimeCallback()
    {
        var op = NewOperator(Bundle(size: 1_000, latencySeconds: 5));
        using var harness = new OperatorHarness(op, timeProvider: new ManualTimeProvider(Start));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L)));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(3));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 2L)));

        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1_999));
        Assert.Empty(Output(harness));

        harness.AdvanceProcessingTime(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["+I[a, 2, 3, 2]"], Output(harness));
        Assert.Equal(0, op.BufferedRows);

        // The next bundle gets its own deadline, counted from its first row.
        harness.ClearOutput();
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(10));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 7L)));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(4));
        Assert.Empty(Output(harness));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(1));
        Assert.Equal(["-U[a, 2, 3, 2]", "+U[a, 3, 10, 7]"], Output(harness));
    }

    [Fact]
    public void Bundle_FoldedEarlyBySize_ItsDeadlineDoesNotFoldTheNextBundleEarly()
    {
        var op = NewOperator(Bundle(size: 2, latencySeconds: 5));
        using var harness = new OperatorHarness(op, timeProvider: new ManualTimeProvider(Start));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L)));
        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(4));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 2L)));
        Assert.Single(Output(harness));
        harness.ProcessBatch(Batch(Input, R("+I", "b", 2L)));

        harness.AdvanceProcessingTime(TimeSpan.FromSeconds(2));

        Assert.Single(Output(harness));
        Assert.Equal(1, op.BufferedRows);
    }

    [Fact]
    public void Bundle_KeyWhoseResultDidNotChange_EmitsNothingForIt()
    {
        using var harness = new OperatorHarness(NewOperator(Bundle(size: 100)), timeProvider: new ManualTimeProvider(Start));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 1L), R("+I", "b", 1L)));
        harness.EndInput();
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-U", "a", 1L)));
        harness.ProcessBatch(Batch(Input, R("+U", "a", 1L), R("+I", "b", 5L)));
        harness.ProcessBatch(Batch(Input, R("+I", "z", 1L), R("-D", "z", 1L)));
        harness.EndInput();

        Assert.Equal(["-U[b, 1, 1, 1]", "+U[b, 2, 6, 5]"], Output(harness));
    }

    [Fact]
    public void MiniBatch_EmitsFewerUpdates_WithTheSameFinalResultAsWithout()
    {
        var script = Script();
        var without = Run(null, script);
        var with = Run(Bundle(size: 20), script);

        Assert.Equal(Materialize(without).Order(StringComparer.Ordinal), Materialize(with).Order(StringComparer.Ordinal));
        Assert.True(with.Count < without.Count, $"mini-batch emitted {with.Count} changes, without it {without.Count}");
    }

    [Fact]
    public void SnapshotWithBufferedRows_FoldsThemBeforeTheBarrier_RestoreLosesAndDuplicatesNothing()
    {
        var script = Script();
        var expected = Materialize(Run(null, script)).Order(StringComparer.Ordinal).ToList();
        var output = new List<string>();
        var snapshotAfter = 19;
        var first = new OperatorHarness(NewOperator(Bundle(size: 25)), timeProvider: new ManualTimeProvider(Start));
        OperatorSnapshot snapshot;
        try
        {
            for (var i = 0; i <= snapshotAfter; i++)
            {
                first.ProcessBatch(Batch(Input, script[i]));
            }

            Assert.True(((GroupAggregateOperator)first.Operator).BufferedRows > 0, "the script should leave rows buffered at the barrier");
            snapshot = first.Snapshot(1);
            Assert.Equal(0, ((GroupAggregateOperator)first.Operator).BufferedRows);
            output.AddRange(Output(first));

            // Rows after the barrier that the failed attempt buffered are replayed by the source: they must not count twice.
            first.ProcessBatch(Batch(Input, script[snapshotAfter + 1]));
        }
        finally
        {
            first.Dispose();
        }

        using var restored = new OperatorHarness(NewOperator(Bundle(size: 25)), timeProvider: new ManualTimeProvider(Start), restoreFrom: [snapshot]);
        for (var i = snapshotAfter + 1; i < script.Length; i++)
        {
            restored.ProcessBatch(Batch(Input, script[i]));
        }

        restored.EndInput();
        output.AddRange(Output(restored));

        Assert.Equal(expected, Materialize(output).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SnapshotRestoredAtAnotherParallelism_KeepsEveryKey()
    {
        var script = Script();
        var expected = Materialize(Run(null, script)).Order(StringComparer.Ordinal).ToList();
        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(NewOperator(Bundle(size: 1_000)), timeProvider: new ManualTimeProvider(Start)))
        {
            for (var i = 0; i < 20; i++)
            {
                first.ProcessBatch(Batch(Input, script[i]));
            }

            snapshot = first.Snapshot(3);
            output.AddRange(Output(first));
        }

        // Two subtasks: each takes the keys of its key groups; the rest of the input goes to the owner of each key.
        var subtasks = Enumerable.Range(0, 2)
            .Select(i => new OperatorHarness(NewOperator(Bundle(size: 1_000)), parallelism: 2, subtaskIndex: i,
                timeProvider: new ManualTimeProvider(Start), restoreFrom: [snapshot]))
            .ToList();
        try
        {
            var selector = new RecordBatchKeySelector([0]);
            for (var i = 20; i < script.Length; i++)
            {
                foreach (var row in script[i])
                {
                    using var single = Batch(Input, row);
                    var hash = new int[1];
                    selector.ComputeKeyHashes(single, hash);
                    var group = Core.Keys.KeyGroups.Assign(hash[0], Core.Keys.KeyGroups.DefaultMaxParallelism);
                    var owner = Enumerable.Range(0, 2).Single(s => Core.Keys.KeyGroups.RangeFor(Core.Keys.KeyGroups.DefaultMaxParallelism, 2, s).Contains(group));
                    subtasks[owner].ProcessBatch(Batch(Input, row));
                }
            }

            foreach (var subtask in subtasks)
            {
                subtask.EndInput();
                output.AddRange(Output(subtask));
            }
        }
        finally
        {
            subtasks.ForEach(s => s.Dispose());
        }

        Assert.Equal(expected, Materialize(output).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SnapshotOfOneMode_RestoresIntoTheOther(bool miniBatchFirst)
    {
        var script = Script();
        var expected = Materialize(Run(null, script)).Order(StringComparer.Ordinal).ToList();
        var output = new List<string>();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(NewOperator(miniBatchFirst ? Bundle(size: 7) : null), timeProvider: new ManualTimeProvider(Start)))
        {
            for (var i = 0; i < 25; i++)
            {
                first.ProcessBatch(Batch(Input, script[i]));
            }

            snapshot = first.Snapshot(5);
            output.AddRange(Output(first));
        }

        using var restored = new OperatorHarness(NewOperator(miniBatchFirst ? null : Bundle(size: 7)), timeProvider: new ManualTimeProvider(Start),
            restoreFrom: [snapshot]);
        for (var i = 25; i < script.Length; i++)
        {
            restored.ProcessBatch(Batch(Input, script[i]));
        }

        restored.EndInput();
        output.AddRange(Output(restored));
        Assert.Equal(expected, Materialize(output).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EndOfInput_FoldsTheLastBundle()
    {
        using var harness = new OperatorHarness(NewOperator(Bundle(size: 1_000)), timeProvider: new ManualTimeProvider(Start));
        harness.ProcessBatch(Batch(Input, R("+I", "a", 4L)));
        Assert.Empty(Output(harness));

        harness.EndInput();

        Assert.Equal(["+I[a, 1, 4, 4]"], Output(harness));
    }

    [Fact]
    public void Options_NotPositive_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewOperator(new MiniBatchOptions(TimeSpan.Zero, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => NewOperator(new MiniBatchOptions(TimeSpan.FromSeconds(1), 0)));
    }
}
