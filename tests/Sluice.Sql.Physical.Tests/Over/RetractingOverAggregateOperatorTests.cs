using Sluice.Core.Keys;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Sql.Physical.Operators;
using Sluice.Sql.Physical.Operators.Over;
using Sluice.Testing;
using static Sluice.Sql.Physical.Tests.Operators.Changelog;
using static Sluice.Sql.Physical.Tests.Windows.TimeRows;

using static Sluice.Sql.Physical.Tests.Over.RetractingOverScripts;

namespace Sluice.Sql.Physical.Tests.Over;

public sealed class RetractingOverAggregateOperatorTests
{
    [Fact]
    public void OutputSchema_IsTheInputThenOneColumnPerCall_WithoutRowTime()
    {
        var schema = NewOperator(OverFrame.Rows(1)).OutputSchema;
        Assert.Equal(["k", "ts", "v", "cnt", "total", "high"], schema.Fields.Select(f => f.Name));
        Assert.Equal(-1, schema.RowTimeIndex);
    }

    [Fact]
    public void RowInsertedBetweenRows_UpdatesTheRowsWhoseFramesNowContainIt()
    {
        using var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(3), 3L), R("+I", "a", Ms(5), 5L)));
        Assert.Equal(["+I[a, 1, 1, 1, 1, 1]", "+I[a, 3, 3, 2, 4, 3]", "+I[a, 5, 5, 2, 8, 5]"], Rows(harness));
        harness.ClearOutput();

        // The row at 2 comes after the one at 3 arrived: with 1 PRECEDING only the row at 3 sees it.
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(2), 2L)));
        Assert.Equal(["+I[a, 2, 2, 2, 3, 2]", "-U[a, 3, 3, 2, 4, 3]", "+U[a, 3, 3, 2, 5, 3]"], Rows(harness));
    }

    [Fact]
    public void RetractedRow_LeavesThePartition_AndTheFollowingFramesAreUpdated()
    {
        using var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1)));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+I", "a", Ms(2), 2L), R("+I", "a", Ms(3), 3L), R("+I", "b", Ms(1), 7L)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("-U", "a", Ms(2), 2L), R("+U", "a", Ms(4), 10L)));
        Assert.Equal(
        [
            "-D[a, 2, 2, 2, 3, 2]", "-U[a, 3, 3, 2, 5, 3]", "+U[a, 3, 3, 2, 4, 3]",
            "+I[a, 4, 10, 2, 13, 10]",
        ], Rows(harness));
    }

    [Fact]
    public void KeepingRowKinds_TheChangedRowIsEmittedWithItsInputKind_AlsoAfterARestore()
    {
        // Flink's non-time OVER aggregation emits an input +U as +U and an input -U as -U (the later rows as -U/+U pairs).
        static RetractingOverAggregateOperator Create() => new(Input, [0], 1, OverFrame.RowsUnbounded(), Calls, keepRowKinds: true);
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(Create()))
        {
            harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("+U", "a", Ms(3), 3L)));
            Assert.Equal(["+I[a, 1, 1, 1, 1, 1]", "+U[a, 3, 3, 2, 4, 3]"], Rows(harness));
            snapshot = harness.Snapshot(1);
        }

        using var restored = new OperatorHarness(Create(), restoreFrom: [snapshot]);
        restored.ProcessBatch(Batch(Input, R("-U", "a", Ms(1), 1L), R("+U", "a", Ms(2), 5L), R("-D", "a", Ms(3), 3L)));
        Assert.Equal(
        [
            "-U[a, 1, 1, 1, 1, 1]", "-U[a, 3, 3, 2, 4, 3]", "+U[a, 3, 3, 1, 3, 3]",
            "+U[a, 2, 5, 1, 5, 5]", "-U[a, 3, 3, 1, 3, 3]", "+U[a, 3, 3, 2, 8, 5]",
            "-D[a, 3, 3, 2, 8, 5]",
        ], Rows(restored));
    }

    [Fact]
    public void UnboundedFrame_UpdatesEveryLaterRow_AndUnchangedResultsAreNotReemitted()
    {
        using var harness = new OperatorHarness(NewOperator(OverFrame.RowsUnbounded()));
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(2), 5L), R("+I", "a", Ms(3), 1L), R("+I", "a", Ms(4), 2L)));
        harness.ClearOutput();

        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 0L)));
        Assert.Equal(
        [
            "+I[a, 1, 0, 1, 0, 0]",
            "-U[a, 2, 5, 1, 5, 5]", "+U[a, 2, 5, 2, 5, 5]",
            "-U[a, 3, 1, 2, 6, 5]", "+U[a, 3, 1, 3, 6, 5]",
            "-U[a, 4, 2, 3, 8, 5]", "+U[a, 4, 2, 4, 8, 5]",
        ], Rows(harness));
    }

    [Fact]
    public void RetractionOfAnUnknownRow_IsIgnoredAndCounted()
    {
        var op = NewOperator(OverFrame.Rows(2));
        using var harness = new OperatorHarness(op);
        harness.ProcessBatch(Batch(Input, R("+I", "a", Ms(1), 1L), R("-D", "a", Ms(1), 2L), R("-D", "b", Ms(1), 1L)));
        Assert.Equal(["+I[a, 1, 1, 1, 1, 1]"], Rows(harness));
        Assert.Equal(2, op.UnknownRetractions);
    }

    public static TheoryData<int> Frames() => [-1, 0, 2];

    [Theory]
    [MemberData(nameof(Frames))]
    public void RandomChangelog_MaterializesToTheFramesOfTheRemainingRows(int preceding)
    {
        var frame = preceding < 0 ? OverFrame.RowsUnbounded() : OverFrame.Rows(preceding);
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var (script, remaining) = RandomScript(new Random(seed), steps: 60);
            var output = Materialize(Run(frame, script, snapshotAfter: -1));

            var expected = new List<string>();
            foreach (var partition in remaining.GroupBy(r => r.K))
            {
                var ordered = partition.OrderBy(r => r.T).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var first = preceding < 0 ? 0 : Math.Max(0, i - preceding);
                    var inFrame = ordered.Skip(first).Take(i - first + 1).ToList();
                    expected.Add($"[{ordered[i].K}, {ordered[i].T}, {ordered[i].V}, {inFrame.Count}, {inFrame.Sum(r => r.V)}, {inFrame.Max(r => r.V)}]");
                }
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void RandomChangelog_LagAndLead_FollowTheRemainingRows(int preceding)
    {
        var frame = preceding < 0 ? OverFrame.RowsUnbounded() : OverFrame.Rows(preceding);
        OverLagCall[] offsets = [new(2, 1, -1, DataTypes.BigInt(), "prev"), new(2, 2, 2, DataTypes.BigInt(), "next2", IsLead: true)];
        foreach (var seed in new[] { 4, 5 })
        {
            var (script, remaining) = RandomScript(new Random(seed), steps: 60);
            var output = Materialize(RetractingOverScripts.Run(() => NewOperator(frame, offsets), script, -1));

            var expected = new List<string>();
            foreach (var partition in remaining.GroupBy(r => r.K))
            {
                var ordered = partition.OrderBy(r => r.T).ToList();
                for (var i = 0; i < ordered.Count; i++)
                {
                    var first = preceding < 0 ? 0 : Math.Max(0, i - preceding);
                    var inFrame = ordered.Skip(first).Take(i - first + 1).ToList();
                    var previous = i > 0 ? ordered[i - 1].V.ToString(System.Globalization.CultureInfo.InvariantCulture) : "null";
                    var next2 = i + 2 < ordered.Count ? ordered[i + 2].V : ordered[i].V;
                    expected.Add($"[{ordered[i].K}, {ordered[i].T}, {ordered[i].V}, {inFrame.Count}, {inFrame.Sum(r => r.V)}, {inFrame.Max(r => r.V)}, {previous}, {next2}]");
                }
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Snapshot_MidStream_RestoresAndContinuesLikeAnUninterruptedRun(int preceding)
    {
        var frame = preceding < 0 ? OverFrame.RowsUnbounded() : OverFrame.Rows(preceding);
        var (script, _) = RandomScript(new Random(17), steps: 40);
        var expected = Run(frame, script, snapshotAfter: -1);
        var actual = Run(frame, script, snapshotAfter: 19);
        Assert.Equal(expected, actual);
        Assert.Contains(expected, r => r.StartsWith(preceding == 0 ? "-D" : "-U", StringComparison.Ordinal));
    }

    [Fact]
    public void Snapshot_RestoresAtAnotherParallelism()
    {
        var keys = Enumerable.Range(0, 10).Select(i => $"key{i}").ToArray();
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1))))
        {
            harness.ProcessBatch(Batch(Input, keys.SelectMany(k => new[] { R("+I", k, Ms(1), 1L), R("+I", k, Ms(3), 3L) }).ToArray()));
            snapshot = harness.Snapshot(1);
        }

        var output = new List<string>();
        var selector = new RecordBatchKeySelector([0]);
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(NewOperator(OverFrame.Rows(1)), 2, subtask, restoreFrom: [snapshot]);
            var mine = keys.Where(k => SubtaskOf(selector, k, 2) == subtask).ToArray();
            if (mine.Length > 0)
            {
                harness.ProcessBatch(Batch(Input, mine.Select(k => R("-D", k, Ms(1), 1L)).ToArray()));
            }

            output.AddRange(Rows(harness));
        }

        // Each subtask restored its keys' rows: the row at 1 leaves, and the row at 3 is alone in its frame.
        var expected = keys.SelectMany(k => new[] { $"-D[{k}, 1, 1, 1, 1, 1]", $"-U[{k}, 3, 3, 2, 4, 3]", $"+U[{k}, 3, 3, 1, 3, 3]" });
        Assert.Equal(expected.Order(StringComparer.Ordinal), output.Order(StringComparer.Ordinal));
    }

    private static int SubtaskOf(RecordBatchKeySelector selector, string key, int parallelism)
    {
        using var batch = Batch(Input, R("+I", key, 0L, 0L));
        Span<int> hash = stackalloc int[1];
        selector.ComputeKeyHashes(batch, hash);
        return KeyGroups.SubtaskFor(KeyGroups.Assign(hash[0], KeyGroups.DefaultMaxParallelism), KeyGroups.DefaultMaxParallelism, parallelism);
    }

    /// <summary>Feeds the batches of <paramref name="script"/>; after step <paramref name="snapshotAfter"/> (or never, with -1) snapshots and restores a new operator.</summary>
    private static List<string> Run(OverFrame frame, (string, object?[])[][] script, int snapshotAfter) =>
        RetractingOverScripts.Run(() => NewOperator(frame), script, snapshotAfter);


    /// <summary>
    /// Random batches of inserts and retractions (of rows inserted before) over three keys, times unique per key; returns
    /// the batches and the rows left at the end.
    /// </summary>
    private static ((string, object?[])[][] Script, List<(string K, long T, long V)> Remaining) RandomScript(Random random, int steps)
    {
        var keys = new[] { "a", "b", "c" };
        var freeTimes = keys.ToDictionary(k => k, _ => Enumerable.Range(0, 200).Select(t => (long)t).OrderBy(_ => random.Next()).ToList());
        var live = new List<(string K, long T, long V)>();
        var script = new List<(string, object?[])[]>();
        for (var step = 0; step < steps; step++)
        {
            var batch = new List<(string, object?[])>();
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                if (live.Count > 0 && random.Next(3) == 0)
                {
                    var gone = live[random.Next(live.Count)];
                    live.Remove(gone);
                    freeTimes[gone.K].Add(gone.T);
                    batch.Add(R(random.Next(2) == 0 ? "-U" : "-D", gone.K, Ms(gone.T), gone.V));
                }
                else
                {
                    var key = keys[random.Next(keys.Length)];
                    var time = freeTimes[key][^1];
                    freeTimes[key].RemoveAt(freeTimes[key].Count - 1);
                    var row = (key, time, (long)random.Next(-5, 20));
                    live.Add(row);
                    batch.Add(R(random.Next(2) == 0 ? "+I" : "+U", row.key, Ms(time), row.Item3));
                }
            }

            script.Add([.. batch]);
        }

        return ([.. script], live);
    }
}
