using Sluice.Core.Keys;
using Sluice.Runtime.Operators.Windowing;
using Sluice.Testing;
using Sluice.Testing.Sources;
using static Sluice.Runtime.Tests.Windowing.WindowTestKit;

namespace Sluice.Runtime.Tests.Windowing;

[Trait("Category", "Unit")]
public class TumblingWindowOperatorSnapshotTests
{
    private const long WindowSize = 100;

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    public void SnapshotMidStream_RestoreIntoFreshOperator_ContinuesLikeUninterruptedRun(long allowedLateness)
    {
        var script = Script();
        var (expected, expectedDropped) = RunUninterrupted(script, allowedLateness);
        Assert.NotEmpty(expected);
        Assert.True(expectedDropped > 0, "the script should produce late elements");
        if (allowedLateness > 0)
        {
            Assert.True(expected.Select(r => (r.Result.Key, r.Result.Start)).Distinct().Count() < expected.Count,
                "the script should re-fire windows with late elements within the allowed lateness");
        }

        for (var cut = 0; cut <= script.Count; cut++)
        {
            var first = CountOperator(WindowSize, allowedLateness);
            var output = new List<(WindowCount, long)>();
            OperatorSnapshot snapshot;
            int pendingTimers;
            using (var harness = new OperatorHarness(first))
            {
                harness.Open();
                for (var s = 0; s < cut; s++)
                {
                    Run(harness, script[s]);
                }

                snapshot = harness.Snapshot(checkpointId: cut + 1);
                output.AddRange(OutputWithTimestamps(harness));
                pendingTimers = PendingEventTimers(harness);
            }

            var restored = CountOperator(WindowSize, allowedLateness);
            using (var harness = new OperatorHarness(restored, restoreFrom: [snapshot]))
            {
                harness.Open();
                Assert.Equal(pendingTimers, PendingEventTimers(harness));

                // The watermark is not part of the state: upstream re-establishes it after a restore.
                if (cut > 0)
                {
                    harness.ProcessWatermark(script[cut - 1].Watermark);
                }

                for (var s = cut; s < script.Count; s++)
                {
                    Run(harness, script[s]);
                }

                harness.EndInput();
                output.AddRange(OutputWithTimestamps(harness));
            }

            Assert.Equal(expected, output);
            Assert.Equal(expectedDropped, first.LateElementsDropped + restored.LateElementsDropped);
        }
    }

    [Fact]
    public void SnapshotWithPendingWindows_RestoredOperator_FiresThemOnWatermark()
    {
        OperatorSnapshot snapshot;
        using (var harness = new OperatorHarness(CountOperator(WindowSize)))
        {
            Feed(harness, Event(1, 10), Event(2, 20), Event(1, 150), Event(3, 250));
            harness.ProcessWatermark(99);
            Assert.Equal(2, harness.OutputElements<WindowCount>().Count);
            snapshot = harness.Snapshot(1);
        }

        using var restored = new OperatorHarness(CountOperator(WindowSize), restoreFrom: [snapshot]);
        restored.Open();
        Assert.Equal(2, PendingEventTimers(restored));
        restored.ProcessWatermark(199);
        Assert.Equal([new WindowCount(1, 100, 200, 1)], restored.OutputElements<WindowCount>());
        Feed(restored, Event(3, 299));
        restored.EndInput();
        Assert.Equal([new WindowCount(1, 100, 200, 1), new WindowCount(3, 200, 300, 2)], restored.OutputElements<WindowCount>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void SnapshotsOfTwoSubtasks_RestoredAtAnotherParallelism_EmitEveryWindowExactlyOnce(int newParallelism)
    {
        const int maxParallelism = KeyGroups.DefaultMaxParallelism;
        const long keys = 40;
        const long watermarkAtSnapshot = 500;
        var before = new List<SequenceEvent>();
        var after = new List<SequenceEvent>();
        for (long key = 0; key < keys; key++)
        {
            for (long j = 0; j < 30; j++)
            {
                // Out of order within a key; every window gets events of several keys.
                before.Add(Event(key, (key * 7) + ((j * 37) % 30 * 23), seq: j));
                after.Add(Event(key, watermarkAtSnapshot + 1 + (key * 5) + ((j * 53) % 30 * 19), seq: 30 + j));
            }
        }

        var output = new List<WindowCount>();

        // Two subtasks, each fed the keys of its key group range, snapshot with windows still open.
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(CountOperator(WindowSize), parallelism: 2, subtaskIndex: subtask, maxParallelism);
            var range = KeyGroups.RangeFor(maxParallelism, 2, subtask);
            Feed(harness, [.. before.Where(e => range.Contains(KeyGroupOf(e.Key, maxParallelism)))]);
            harness.ProcessWatermark(watermarkAtSnapshot);
            Assert.True(PendingEventTimers(harness) > 0, "windows must still be open at the snapshot");
            snapshots.Add(harness.Snapshot(checkpointId: 1));
            output.AddRange(harness.OutputElements<WindowCount>());
        }

        // Restore all snapshots into the new subtasks; each keeps its own key groups and is fed its keys.
        var restoredTimers = 0;
        for (var subtask = 0; subtask < newParallelism; subtask++)
        {
            using var harness = new OperatorHarness(CountOperator(WindowSize), newParallelism, subtask, maxParallelism,
                restoreFrom: snapshots);
            harness.Open();
            restoredTimers += PendingEventTimers(harness);
            harness.ProcessWatermark(watermarkAtSnapshot);
            var range = KeyGroups.RangeFor(maxParallelism, newParallelism, subtask);
            Feed(harness, [.. after.Where(e => range.Contains(KeyGroupOf(e.Key, maxParallelism)))]);
            harness.EndInput();
            output.AddRange(harness.OutputElements<WindowCount>());
            Assert.Equal(0, ((TumblingWindowOperator<SequenceEvent, long, long, long, WindowCount>)harness.Operator).LateElementsDropped);
        }

        Assert.True(restoredTimers > 0);
        var expected = before.Concat(after)
            .GroupBy(e => (e.Key, Start: TimeWindow.StartOf(e.Timestamp, 0, WindowSize)))
            .Select(g => new WindowCount(g.Key.Key, g.Key.Start, g.Key.Start + WindowSize, g.Count()))
            .OrderBy(w => w.Key).ThenBy(w => w.Start)
            .ToList();
        Assert.Equal(expected, output.OrderBy(w => w.Key).ThenBy(w => w.Start).ToList());
    }

    /// <summary>Batches of out-of-order events over five keys, each followed by a watermark; some events are late.</summary>
    private static List<(SequenceEvent[] Events, long Watermark)> Script()
    {
        var steps = new List<(SequenceEvent[], long)>();
        var seq = 0L;
        for (var s = 0; s < 16; s++)
        {
            var events = new SequenceEvent[12];
            for (var i = 0; i < events.Length; i++)
            {
                // Up to 240 ms behind the step's time, so some events are behind the previous watermark (step time - 105).
                var ts = (s * 45L) + ((i * 47L) % 240) - 240;
                events[i] = Event((i * 3L) % 5, ts, ++seq);
            }

            steps.Add((events, (s * 45L) - 60));
        }

        return steps;
    }

    private static (List<(WindowCount Result, long Timestamp)> Output, long Dropped) RunUninterrupted(
        List<(SequenceEvent[] Events, long Watermark)> script, long allowedLateness)
    {
        var op = CountOperator(WindowSize, allowedLateness);
        using var harness = new OperatorHarness(op);
        foreach (var step in script)
        {
            Run(harness, step);
        }

        harness.EndInput();
        return (OutputWithTimestamps(harness), op.LateElementsDropped);
    }

    private static void Run(OperatorHarness harness, (SequenceEvent[] Events, long Watermark) step)
    {
        Feed(harness, step.Events);
        harness.ProcessWatermark(step.Watermark);
    }

    private static int PendingEventTimers(OperatorHarness harness) =>
        harness.Operator is TumblingWindowOperator<SequenceEvent, long, long, long, WindowCount> op ? op.PendingEventTimers : -1;
}
