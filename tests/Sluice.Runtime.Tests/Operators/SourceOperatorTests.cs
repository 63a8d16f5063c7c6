using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Time;
using Sluice.Runtime.Operators.Sources;
using Sluice.Testing;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Operators;

public class SourceOperatorTests
{
    [Fact]
    public void Open_FreshStart_AssignsSplitsRoundRobinOverSubtasks()
    {
        var source = new ScriptedSource("s0", "s1", "s2", "s3", "s4", "s5", "s6");
        var assigned = new List<List<string>>();
        for (var subtask = 0; subtask < 3; subtask++)
        {
            using var harness = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.None),
                parallelism: 3, subtaskIndex: subtask).Open();
            assigned.Add(source.Readers[^1].Assigned.Select(s => s.SplitId).ToList());
        }

        Assert.Equal(["s0", "s3", "s6"], assigned[0]);
        Assert.Equal(["s1", "s4"], assigned[1]);
        Assert.Equal(["s2", "s5"], assigned[2]);
    }

    [Fact]
    public void PollNext_FreshStartOnOneSubtask_EmitsExactlyTheEventsOfItsSplits()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 5, KeysPerSplit = 3, RowsPerSplit = 40, BatchSize = 7 });
        using var harness = new OperatorHarness(new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None),
            parallelism: 2, subtaskIndex: 1).Open();

        var events = PollToEnd(harness);

        var expected = source.AllEvents().Where(e => e.Key % 5 is 1 or 3).OrderBy(e => (e.Key, e.Seq));
        Assert.Equal(expected, events.OrderBy(e => (e.Key, e.Seq)));
    }

    [Fact]
    public void SnapshotThenRestore_FreshOperator_ResumesEverySplitFromItsPosition()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 3, KeysPerSplit = 4, RowsPerSplit = 100, BatchSize = 10 });
        var before = new List<SequenceEvent>();
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None)).Open())
        {
            var output = new CollectingOutput();
            for (var i = 0; i < 7; i++)
            {
                Assert.Equal(InputStatus.MoreAvailable, Poll(first, output));
            }

            before.AddRange(output.Elements<SequenceEvent>());
            snapshot = first.Snapshot(checkpointId: 1);
        }

        using var restored = new OperatorHarness(new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None),
            restoreFrom: [snapshot]).Open();
        var after = PollToEnd(restored);

        Assert.Equal(70, before.Count);
        Assert.Empty(before.Intersect(after));
        Assert.Equal(source.AllEvents().OrderBy(e => (e.Key, e.Seq)), before.Concat(after).OrderBy(e => (e.Key, e.Seq)));
    }

    [Fact]
    public void SnapshotThenRestore_AtLowerParallelism_OneSubtaskResumesEverySplit()
    {
        var source = new SequenceSource(new SequenceSourceOptions { Splits = 4, KeysPerSplit = 2, RowsPerSplit = 60, BatchSize = 5 });
        var before = new List<SequenceEvent>();
        var snapshots = new List<OperatorSnapshot>();
        for (var subtask = 0; subtask < 2; subtask++)
        {
            using var harness = new OperatorHarness(new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None),
                parallelism: 2, subtaskIndex: subtask).Open();
            var output = new CollectingOutput();
            for (var i = 0; i < 3 + subtask; i++)
            {
                Poll(harness, output);
            }

            before.AddRange(output.Elements<SequenceEvent>());
            snapshots.Add(harness.Snapshot(checkpointId: 3));
        }

        using var restored = new OperatorHarness(new SourceOperator<SequenceSplit>(source, WatermarkStrategy.None),
            parallelism: 1, restoreFrom: snapshots).Open();
        var after = PollToEnd(restored);

        Assert.Equal(source.AllEvents().OrderBy(e => (e.Key, e.Seq)), before.Concat(after).OrderBy(e => (e.Key, e.Seq)));
    }

    [Fact]
    public void SnapshotThenRestore_ScriptedSplits_ReaderGetsTheSnapshottedPositions()
    {
        var source = new ScriptedSource("a", "b");
        OperatorSnapshot snapshot;
        using (var first = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.None)).Open())
        {
            var reader = source.Readers[^1];
            reader.Enqueue("a", 1, 2, 3);
            reader.Enqueue("b", 4);
            reader.Enqueue("a", 5);
            var output = new CollectingOutput();
            while (Poll(first, output) == InputStatus.MoreAvailable)
            {
            }

            snapshot = first.Snapshot(checkpointId: 9);
        }

        using var restored = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.None),
            restoreFrom: [snapshot]).Open();

        Assert.Equal([new ScriptedSplit("a", 4), new ScriptedSplit("b", 1)], source.Readers[^1].Assigned.OrderBy(s => s.SplitId));
    }

    [Fact]
    public void EmitPeriodicWatermark_SeveralSplits_EmitsTheMinimumOverSplits()
    {
        var source = new ScriptedSource("a", "b");
        using var harness = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.Monotonous())).Open();
        var reader = source.Readers[^1];
        var output = new CollectingOutput();

        reader.Enqueue("a", 1_000);
        reader.Enqueue("b", 500);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([499L], output.Watermarks);

        reader.Enqueue("b", 2_000);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([499L, 999], output.Watermarks);

        reader.Enqueue("a", 1_500);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([499L, 999, 1_499], output.Watermarks);
    }

    [Fact]
    public void EmitPeriodicWatermark_SplitWithoutDataAndNoIdleness_HoldsTheWatermarkBack()
    {
        var source = new ScriptedSource("a", "b", "silent");
        using var harness = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.Monotonous())).Open();
        var reader = source.Readers[^1];
        var output = new CollectingOutput();
        harness.Time.Advance(TimeSpan.FromMinutes(5));

        reader.Enqueue("a", 1_000);
        reader.Enqueue("b", 500);
        PollAll(harness, output);
        EmitWatermark(harness, output);

        Assert.Empty(output.Watermarks);
    }

    [Fact]
    public void EmitPeriodicWatermark_SplitIdleLongerThanTimeout_NoLongerHoldsTheWatermarkBack()
    {
        var source = new ScriptedSource("a", "b", "silent");
        var strategy = WatermarkStrategy.Monotonous().WithIdleness(TimeSpan.FromSeconds(1));
        using var harness = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, strategy)).Open();
        var reader = source.Readers[^1];
        var output = new CollectingOutput();
        harness.Time.Advance(TimeSpan.FromSeconds(2));

        reader.Enqueue("a", 1_000);
        reader.Enqueue("b", 500);
        PollAll(harness, output);
        EmitWatermark(harness, output);

        Assert.Equal([499L], output.Watermarks);
    }

    [Fact]
    public void EmitPeriodicWatermark_IdleSplitReceivesDataAgain_HoldsTheWatermarkBackAgain()
    {
        var source = new ScriptedSource("a", "late");
        var strategy = WatermarkStrategy.Monotonous().WithIdleness(TimeSpan.FromSeconds(1));
        using var harness = new OperatorHarness(new SourceOperator<ScriptedSplit>(source, strategy)).Open();
        var reader = source.Readers[^1];
        var output = new CollectingOutput();
        harness.Time.Advance(TimeSpan.FromSeconds(2));
        reader.Enqueue("a", 1_000);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([999L], output.Watermarks);

        reader.Enqueue("late", 100);
        reader.Enqueue("a", 5_000);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([999L], output.Watermarks);

        reader.Enqueue("late", 3_000);
        PollAll(harness, output);
        EmitWatermark(harness, output);
        Assert.Equal([999L, 2_999], output.Watermarks);
    }

    [Fact]
    public void EmitPeriodicWatermark_EverySplitIdle_ReportsIdleUntilDataArrives()
    {
        var source = new ScriptedSource("a", "b");
        var strategy = WatermarkStrategy.Monotonous().WithIdleness(TimeSpan.FromSeconds(1));
        var op = new SourceOperator<ScriptedSplit>(source, strategy);
        using var harness = new OperatorHarness(op).Open();
        var changes = new List<bool>();
        ((ISourceOperator)op).IdleStatusChanged = changes.Add;
        var reader = source.Readers[^1];
        var output = new CollectingOutput();

        EmitWatermark(harness, output);
        Assert.Empty(changes);

        harness.Time.Advance(TimeSpan.FromSeconds(3));
        EmitWatermark(harness, output);
        Assert.Equal([true], changes);

        reader.Enqueue("b", 10);
        PollAll(harness, output);
        Assert.Equal([true, false], changes);
    }

    [Fact]
    public void EmitPeriodicWatermark_SubtaskWithoutSplits_ReportsIdleEvenWithoutIdleTimeout()
    {
        var source = new ScriptedSource("only");
        var op = new SourceOperator<ScriptedSplit>(source, WatermarkStrategy.Monotonous());
        using var harness = new OperatorHarness(op, parallelism: 2, subtaskIndex: 1).Open();
        var changes = new List<bool>();
        ((ISourceOperator)op).IdleStatusChanged = changes.Add;
        var output = new CollectingOutput();

        EmitWatermark(harness, output);

        Assert.Empty(source.Readers[^1].Assigned);
        Assert.Equal([true], changes);
        Assert.Empty(output.Watermarks);
    }

    private static InputStatus Poll(OperatorHarness harness, CollectingOutput output) =>
        ((ISourceOperator)harness.Operator).PollNext(output);

    private static void PollAll(OperatorHarness harness, CollectingOutput output)
    {
        while (Poll(harness, output) == InputStatus.MoreAvailable)
        {
        }
    }

    private static void EmitWatermark(OperatorHarness harness, CollectingOutput output) =>
        ((ISourceOperator)harness.Operator).EmitPeriodicWatermark(output);

    private static List<SequenceEvent> PollToEnd(OperatorHarness harness)
    {
        var output = new CollectingOutput();
        for (var polls = 0; Poll(harness, output) != InputStatus.EndOfInput; polls++)
        {
            Assert.True(polls < 100_000, "the bounded source must end");
        }

        return output.Elements<SequenceEvent>();
    }
}

/// <summary>A split of <see cref="ScriptedSource"/>: its id and how many rows it emitted.</summary>
internal sealed record ScriptedSplit(string SplitId, long Position) : ISourceSplit
{
    public static ITypeSerializer<ScriptedSplit> Serializer { get; } = new SplitSerializer();

    private sealed class SplitSerializer : ITypeSerializer<ScriptedSplit>
    {
        public void Serialize(ScriptedSplit value, BinaryBufferWriter writer)
        {
            writer.WriteString(value.SplitId);
            writer.WriteInt64(value.Position);
        }

        public ScriptedSplit Deserialize(BinaryBufferReader reader) => new(reader.ReadString()!, reader.ReadInt64());
    }
}

/// <summary>
/// An unbounded source whose readers emit exactly what the test enqueues: per split, batches of event times (the
/// elements are the event times themselves). Keeps every reader it created so a test can see what was assigned.
/// </summary>
internal sealed class ScriptedSource(params string[] splitIds) : ISource<ScriptedSplit>
{
    public List<Reader> Readers { get; } = [];

    public Boundedness Boundedness => Boundedness.Unbounded;

    public ITypeSerializer<ScriptedSplit> SplitSerializer => ScriptedSplit.Serializer;

    public IReadOnlyList<ScriptedSplit> DiscoverSplits(int parallelism) => splitIds.Select(id => new ScriptedSplit(id, 0)).ToList();

    public ISourceReader<ScriptedSplit> CreateReader(SourceReaderContext context)
    {
        var reader = new Reader();
        Readers.Add(reader);
        return reader;
    }

    public sealed class Reader : ISourceReader<ScriptedSplit>
    {
        private readonly Queue<(string SplitId, long[] Timestamps)> _pending = new();
        private readonly Dictionary<string, long> _positions = [];

        public List<ScriptedSplit> Assigned { get; } = [];

        public void Enqueue(string splitId, params long[] timestamps) => _pending.Enqueue((splitId, timestamps));

        public void AddSplits(IReadOnlyList<ScriptedSplit> splits)
        {
            Assigned.AddRange(splits);
            foreach (var s in splits)
            {
                _positions[s.SplitId] = s.Position;
            }
        }

        public InputStatus PollNext(ISourceOutput output)
        {
            if (!_pending.TryDequeue(out var next))
            {
                return InputStatus.NothingAvailable;
            }

            var batch = new ElementBatch<long>(next.Timestamps.Length, withTimestamps: true);
            foreach (var t in next.Timestamps)
            {
                batch.Add(t, t);
            }

            _positions[next.SplitId] = _positions.GetValueOrDefault(next.SplitId) + next.Timestamps.Length;
            output.Emit(next.SplitId, batch);
            return _pending.Count > 0 ? InputStatus.MoreAvailable : InputStatus.NothingAvailable;
        }

        public IReadOnlyList<ScriptedSplit> SnapshotState(long checkpointId) =>
            _positions.Select(p => new ScriptedSplit(p.Key, p.Value)).ToList();

        public void Dispose()
        {
        }
    }
}
