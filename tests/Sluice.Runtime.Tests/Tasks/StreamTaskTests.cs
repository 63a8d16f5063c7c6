using System.Collections.Concurrent;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Graph;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Partitioning;
using Sluice.Runtime.Tasks;

namespace Sluice.Runtime.Tests.Tasks;

/// <summary>
/// Drives one real <see cref="StreamTask"/> on its own thread through hand-written input channels: the test thread
/// is the producer of every input channel and the consumer of the output channel.
/// </summary>
public sealed class StreamTaskTests : IDisposable
{
    private readonly Signal _taskSignal = new();
    private readonly Signal _testSignal = new();
    private readonly CancellationTokenSource _cancellation = new();
    private readonly RecordingListener _listener = new();
    private readonly ProbeOperator _probe = new();
    private LocalChannel[] _inputs = [];
    private LocalChannel _output = null!;
    private Thread? _thread;

    public void Dispose()
    {
        _cancellation.Cancel();
        _thread?.Join(Eventually.Timeout);
        _cancellation.Dispose();
        _taskSignal.Dispose();
        _testSignal.Dispose();
    }

    [Fact]
    public void Barrier_ExactlyOnceOnFirstChannel_BlocksThatChannelUntilEveryChannelDeliveredIt()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Batch(1, 2), Barrier(1), Batch(3, 4));
        Write(1, Batch(100));

        // The task consumed everything it may and parked: the post-barrier batch of channel 0 is still queued.
        WaitUntilParked(() => _probe.Seen.Length == 3 && _inputs[0].Count == 1 && _inputs[1].Count == 0,
            "task parked with channel 0 blocked behind its barrier");
        Assert.Empty(_listener.Snapshots);

        Write(1, Barrier(1));

        Eventually.True(() => _listener.Snapshots.Contains(1), "snapshot of checkpoint 1");
        Assert.Equal([1L, 2, 100], _probe.SeenAtSnapshot[1].Order());
        Eventually.True(() => _probe.Seen.Length == 5, "the blocked batch is processed after the snapshot");
    }

    [Fact]
    public void Barrier_AtLeastOnce_KeepsReadingTheChannelAndSnapshotsAtTheLastBarrier()
    {
        StartTask(inputs: 2, exactlyOnce: false);
        Write(0, Batch(1, 2), Barrier(1), Batch(3, 4));
        Write(1, Batch(100));

        WaitUntilParked(() => _probe.Seen.Length == 5 && _inputs[0].Count == 0, "task read past the barrier of channel 0");
        Assert.Empty(_listener.Snapshots);

        Write(1, Barrier(1));

        Eventually.True(() => _listener.Snapshots.Contains(1), "snapshot of checkpoint 1");
        Assert.Equal([1L, 2, 3, 4, 100], _probe.SeenAtSnapshot[1].Order());
    }

    [Fact]
    public void Barrier_Aligned_ForwardsTheBarrierOnceBetweenPreAndPostBarrierData()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Batch(1), Barrier(5), Batch(2));
        Write(1, Batch(10), Barrier(5), Batch(20));

        var messages = ReadOutput(5);

        Assert.Equal([MessageKind.Batch, MessageKind.Batch, MessageKind.Barrier, MessageKind.Batch, MessageKind.Batch],
            messages.Select(m => m.Kind));
        Assert.Equal(5, messages[2].Barrier.Id);
        Assert.Equal([1L, 10], messages.Take(2).SelectMany(Values).Order());
        Assert.Equal([2L, 20], messages.Skip(3).SelectMany(Values).Order());
        Assert.Equal([5L], _listener.Snapshots);
    }

    [Fact]
    public void EndOfInput_OnChannelStillAwaitedByAlignment_CompletesTheCheckpoint()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Batch(1), Barrier(3), Batch(2));
        Write(1, Batch(10));
        WaitUntilParked(() => _probe.Seen.Length == 2 && _inputs[0].Count == 1, "aligning on checkpoint 3");

        Write(1, StreamMessage.EndOfInput);

        Eventually.True(() => _listener.Snapshots.Contains(3), "snapshot of checkpoint 3");
        Assert.Equal([1L, 10], _probe.SeenAtSnapshot[3].Order());
    }

    [Fact]
    public void Barrier_NewerCheckpointOvertakesAlignment_AbandonsTheOlderOne()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Barrier(1));
        WaitUntilParked(() => _inputs[0].Count == 0, "aligning on checkpoint 1");

        Write(1, Barrier(2));
        Eventually.True(() => _listener.Abandoned.Contains(1), "checkpoint 1 abandoned");
        Write(0, Barrier(2));

        Eventually.True(() => _listener.Snapshots.Contains(2), "snapshot of checkpoint 2");
        Assert.DoesNotContain(1L, _listener.Snapshots);
    }

    [Fact]
    public void Barrier_AtLeastOnceStaleBarrierAfterOvertaking_DoesNotCompleteTheNewerCheckpoint()
    {
        StartTask(inputs: 2, exactlyOnce: false);
        // Channel 0 is fast: checkpoint 1 (which then timed out) and checkpoint 2 both pass before channel 1 delivers 1.
        Write(0, Barrier(1), Barrier(2));
        Eventually.True(() => _listener.Abandoned.Contains(1), "checkpoint 1 abandoned for checkpoint 2");

        Write(1, Batch(100), Barrier(1));
        WaitUntilParked(() => _inputs[1].Count == 0 && _probe.Seen.Length == 1, "channel 1 consumed up to its barrier 1");
        Write(1, Batch(200), Barrier(2));

        // Checkpoint 2 is aligned only when channel 1 delivers barrier 2: the state must include row 200, which the
        // source of channel 1 emitted before barrier 2 and will not replay after a restore from checkpoint 2.
        Eventually.True(() => _listener.Snapshots.Contains(2), "snapshot of checkpoint 2");
        Assert.Equal([100L, 200], _probe.SeenAtSnapshot[2].Order());
    }

    [Fact]
    public void Watermarks_FromEveryChannel_ForwardsTheMinimumOnlyWhenItAdvances()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Watermark(100));
        Write(1, Watermark(50));
        Assert.Equal(50, ReadOutput(1)[0].Watermark.Timestamp);

        Write(1, Watermark(80));
        Assert.Equal(80, ReadOutput(1)[0].Watermark.Timestamp);

        Write(0, Watermark(300));
        WaitUntilParked(() => _inputs[0].Count == 0, "watermark 300 consumed");
        Assert.Equal(0, _output.Count); // the minimum stays 80: nothing is forwarded
        Write(1, Watermark(400));
        Assert.Equal(300, ReadOutput(1)[0].Watermark.Timestamp);

        WaitUntilParked(() => _inputs.All(c => c.Count == 0), "every watermark consumed");
        Assert.Equal(0, _output.Count);
        Assert.Equal([50L, 80, 300], _probe.Watermarks);
    }

    [Fact]
    public void Idle_EveryInputIdle_ForwardsIdleAndResumesWhenAnInputReportsAgain()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Watermark(100));
        Write(1, StreamMessage.Idle);
        Assert.Equal(100, ReadOutput(1)[0].Watermark.Timestamp);

        Write(0, StreamMessage.Idle);
        Assert.Equal(MessageKind.Idle, ReadOutput(1)[0].Kind);

        Write(1, Watermark(500));
        var resumed = ReadOutput(2);
        Assert.Contains(resumed, m => m.Kind == MessageKind.Active);
        Assert.Contains(resumed, m => m.Kind == MessageKind.Watermark && m.Watermark.Timestamp == 500);
    }

    [Fact]
    public void EndOfInput_OnEveryChannel_EmitsMaxWatermarkThenEndOfInputAndReportsFinished()
    {
        StartTask(inputs: 2, exactlyOnce: true);
        Write(0, Batch(1), StreamMessage.EndOfInput);
        Write(1, StreamMessage.EndOfInput);

        var messages = ReadOutput(3);

        Assert.Equal(MessageKind.Batch, messages[0].Kind);
        Assert.Equal(long.MaxValue, messages[1].Watermark.Timestamp);
        Assert.Equal(MessageKind.EndOfInput, messages[2].Kind);
        Eventually.True(() => _listener.Finished == 1, "task finished");
        Assert.True(_probe.Finished);
    }

    [Fact]
    public void TriggerCheckpoint_AfterTaskFinished_SnapshotsWithoutBarrierInput()
    {
        var task = StartTask(inputs: 1, exactlyOnce: true);
        Write(0, Batch(7), StreamMessage.EndOfInput);
        Eventually.True(() => _listener.Finished == 1, "task finished");

        task.Mailbox.Post(() => task.TriggerCheckpoint(new CheckpointBarrier(9, 0, CheckpointOptions.Default)));

        Eventually.True(() => _listener.Snapshots.Contains(9), "final snapshot");
        Assert.Equal([7L], _probe.SeenAtSnapshot[9]);
    }

    [Fact]
    public void ProcessBatch_OperatorThrows_ReportsTaskFailureNamingTheOperator()
    {
        StartTask(inputs: 1, exactlyOnce: true);
        Write(0, Batch(ProbeOperator.Poison));

        Eventually.True(() => !_listener.Failures.IsEmpty, "task failure reported");
        var failure = Assert.IsType<Sluice.Core.Errors.TaskFailureException>(Assert.Single(_listener.Failures));
        Assert.Equal("probe", failure.OperatorId);
        Assert.IsType<InvalidOperationException>(failure.InnerException);
        Assert.True(_thread!.Join(Eventually.Timeout), "the task thread ends after a failure");
        Assert.True(_probe.Closed);
    }

    private StreamTask StartTask(int inputs, bool exactlyOnce)
    {
        var producerSignal = _testSignal;
        _inputs = Enumerable.Range(0, inputs).Select(_ => new LocalChannel(16, _taskSignal, producerSignal)).ToArray();
        _output = new LocalChannel(64, _testSignal, _taskSignal);
        StreamTask? task = null;
        var context = new OperatorContext("probe", "Probe", 0, 1, 128, 0, "attempt-0", TimeProvider.System, null,
            mail => task!.Mailbox.Post(mail));
        var node = new ChainNode(_probe, context);
        var writer = new RecordWriter(PartitionerKind.Forward, [_output], null, 128, 0, _cancellation.Token);
        var output = new TaskOutput(node, [writer]);
        node.Output = output;
        context.Output = output;
        task = new StreamTask("probe", 0, [node], _inputs, new int[inputs], output, _taskSignal, _listener, exactlyOnce,
            TimeSpan.FromMilliseconds(200), _cancellation.Token);
        _thread = new Thread(task.Run) { IsBackground = true, Name = "StreamTaskTests task" };
        _thread.Start();
        return task;
    }

    private void Write(int channel, params StreamMessage[] messages)
    {
        foreach (var m in messages)
        {
            _inputs[channel].Write(m, _cancellation.Token);
        }
    }

    private List<StreamMessage> ReadOutput(int count)
    {
        var messages = new List<StreamMessage>();
        while (messages.Count < count)
        {
            Eventually.True(() => _output.HasMessages, $"output message {messages.Count + 1} of {count}");
            Assert.True(_output.TryRead(out var m));
            messages.Add(m);
        }

        return messages;
    }

    private void WaitUntilParked(Func<bool> condition, string what) =>
        Eventually.True(() => (_thread!.ThreadState & ThreadState.WaitSleepJoin) != 0 && condition(), what);

    private static StreamMessage Batch(params long[] values)
    {
        var batch = new ElementBatch<long>(values.Length);
        foreach (var v in values)
        {
            batch.Add(v);
        }

        return StreamMessage.OfBatch(batch);
    }

    private static StreamMessage Barrier(long id) => StreamMessage.OfBarrier(new CheckpointBarrier(id, 0, CheckpointOptions.Default));

    private static StreamMessage Watermark(long timestamp) => StreamMessage.OfWatermark(new Watermark(timestamp));

    private static long[] Values(StreamMessage message) => ((ElementBatch<long>)message.Batch!).Items.ToArray();

    /// <summary>Forwards batches and records what it saw, and what it had seen when each snapshot was taken.</summary>
    private sealed class ProbeOperator : StreamOperator
    {
        public const long Poison = -1;
        private readonly object _lock = new();
        private readonly List<long> _seen = [];
        private readonly List<long> _watermarks = [];

        public ConcurrentDictionary<long, long[]> SeenAtSnapshot { get; } = new();

        public long[] Seen
        {
            get
            {
                lock (_lock)
                {
                    return [.. _seen];
                }
            }
        }

        public long[] Watermarks
        {
            get
            {
                lock (_lock)
                {
                    return [.. _watermarks];
                }
            }
        }

        public bool Finished { get; private set; }

        public bool Closed { get; private set; }

        public override void ProcessBatch(IBatch batch, IOutput output)
        {
            var values = ((ElementBatch<long>)batch).Items.ToArray();
            if (values.Contains(Poison))
            {
                batch.Dispose();
                throw new InvalidOperationException("poison");
            }

            lock (_lock)
            {
                _seen.AddRange(values);
            }

            output.Collect(batch);
        }

        public override void ProcessWatermark(Watermark watermark, IOutput output)
        {
            lock (_lock)
            {
                _watermarks.Add(watermark.Timestamp);
            }

            base.ProcessWatermark(watermark, output);
        }

        public override void SnapshotState(long checkpointId) => SeenAtSnapshot[checkpointId] = Seen;

        public override void Finish(IOutput output) => Finished = true;

        public override void Close() => Closed = true;
    }

    private sealed class RecordingListener : ITaskListener
    {
        private int _finished;

        public ConcurrentQueue<long> Snapshots { get; } = new();

        public ConcurrentQueue<long> Abandoned { get; } = new();

        public ConcurrentQueue<Exception> Failures { get; } = new();

        public int Finished => Volatile.Read(ref _finished);

        public void SnapshotTaken(StreamTask task, CheckpointBarrier barrier, IReadOnlyList<OperatorCapture> captures,
            TimeSpan alignment) => Snapshots.Enqueue(barrier.Id);

        public void TaskOpened(StreamTask task)
        {
        }

        public void TaskFinished(StreamTask task) => Interlocked.Increment(ref _finished);

        public void TaskFailed(StreamTask task, Exception failure) => Failures.Enqueue(failure);

        public void CheckpointAbandoned(StreamTask task, long checkpointId) => Abandoned.Enqueue(checkpointId);
    }
}
