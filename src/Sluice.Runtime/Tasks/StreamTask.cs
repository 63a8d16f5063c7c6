using System.Diagnostics;
using Sluice.Connectors.Abstractions.Source;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Runtime.Channels;
using Sluice.Runtime.Checkpointing;
using Sluice.Runtime.Operators.Sources;

namespace Sluice.Runtime.Tasks;

/// <summary>
/// One parallel subtask of a chain of operators, running on its own thread as a mailbox loop.
/// </summary>
/// <remarks>
/// <para><b>Threading model.</b> One thread runs everything that touches the operators: input, timers, checkpoint
/// actions. Other threads talk to the task only through its <see cref="Mailbox"/> and its input channels, so
/// operators and state need no locks. Between two batches the loop runs every queued mail.</para>
/// <para><b>Life cycle.</b> Open (restore) → Running → [Finished: all input consumed, end of input emitted; the
/// task stays to take part in the final checkpoint] → Terminated (a Terminate mail, cancellation or failure) →
/// Close.</para>
/// <para><b>Checkpoints.</b> Source tasks inject barriers when the coordinator's trigger mail runs. Other tasks
/// align barriers over their input channels: in exactly-once mode a channel that delivered barrier n is not
/// read until every channel delivered it (ended channels count as aligned); in at-least-once mode nothing is
/// blocked. Then the task calls the operators' pre-barrier hooks, forwards the barrier, captures state
/// synchronously and hands the capture to the listener, which writes it asynchronously.</para>
/// <para><b>Finished operators (FLIP-147).</b> A finished task whose every sibling subtask had finished when the
/// checkpoint was triggered writes a finished marker instead of its operators' state (except operators that keep
/// their state when finished: sinks). Operators finished in the checkpoint the job restored from are finished on
/// restore: never opened or called; a task whose head is finished on restore reads nothing and at once passes the
/// maximum watermark and end of input through its chain.</para>
/// </remarks>
internal sealed class StreamTask
{
    private readonly ChainNode[] _nodes;
    private readonly LocalChannel[] _inputs;
    private readonly int[] _inputIndexOf;
    private readonly TaskOutput _output;
    private readonly ITaskListener _listener;
    private readonly bool _exactlyOnce;
    private readonly TimeSpan _autoWatermarkInterval;
    private readonly CancellationToken _cancellation;
    private readonly ISourceOperator? _source;
    private readonly WatermarkValve? _valve;
    private readonly bool[] _blocked;
    private readonly bool[] _ended;
    private readonly bool[] _barrierSeen;
    private readonly bool _finishedOnRestore;
    private int _endedCount;
    private int _nextChannel;
    private bool _aligning;
    private CheckpointBarrier _alignBarrier;
    private int _alignedCount;
    private long _alignStart;
    private long _lastCheckpointId;
    private CheckpointBarrier? _triggeredWhileRunning;
    private bool _finished;
    private bool _stopped;
    private bool _terminated;
    private bool _idleSent;
    private ITimer? _watermarkTimer;
    private long _busyTicks;
    private long _waitingForOutputTicks;
    private readonly Func<bool> _hasMail;
    private readonly Func<bool> _hasMailOrInput;
    private readonly Func<bool> _hasMailOrOutputAvailable;

    public StreamTask(string name, int subtaskIndex, ChainNode[] nodes, LocalChannel[] inputs, int[] inputIndexOf, TaskOutput output,
        Signal signal, ITaskListener listener, bool exactlyOnce, TimeSpan autoWatermarkInterval, CancellationToken cancellation)
    {
        Name = name;
        SubtaskIndex = subtaskIndex;
        _nodes = nodes;
        _inputs = inputs;
        _inputIndexOf = inputIndexOf;
        _output = output;
        Signal = signal;
        Mailbox = new Mailbox(signal);
        _listener = listener;
        _exactlyOnce = exactlyOnce;
        _autoWatermarkInterval = autoWatermarkInterval;
        _cancellation = cancellation;
        _source = nodes[0].Operator as ISourceOperator;
        _finishedOnRestore = nodes[0].FinishedOnRestore;
        _valve = _source is null ? new WatermarkValve(inputs.Length) : null;
        _blocked = new bool[inputs.Length];
        _ended = new bool[inputs.Length];
        _barrierSeen = new bool[inputs.Length];
        _hasMail = () => Mailbox.HasMail;
        _hasMailOrInput = () => Mailbox.HasMail || AnyInputReadable();
        _hasMailOrOutputAvailable = () => Mailbox.HasMail || _output.IsAvailable;
    }

    public string Name { get; }

    public int SubtaskIndex { get; }

    public Signal Signal { get; }

    public Mailbox Mailbox { get; }

    public IReadOnlyList<ChainNode> Nodes => _nodes;

    /// <summary>The id of the chain's first operator: tasks with the same head are the subtasks of one chain.</summary>
    public string HeadOperatorId => _nodes[0].Context.OperatorId;

    public bool IsSource => _source is not null;

    public bool IsFinished => Volatile.Read(ref _finished);

    /// <summary>The watermark this task last emitted.</summary>
    public long CurrentWatermark => _output.LastWatermark;

    /// <summary>Stopwatch ticks spent processing: input (batches, watermarks and the timers they fire, barriers), source polls and mails.</summary>
    public long BusyTicks => Volatile.Read(ref _busyTicks);

    /// <summary>Stopwatch ticks spent blocked on full output channels (waiting before input, or inside a write).</summary>
    public long BackpressureTicks => _output.BackpressureTicks + Volatile.Read(ref _waitingForOutputTicks);

    /// <summary>The thread body.</summary>
    public void Run()
    {
        try
        {
            Open();
            _listener.TaskOpened(this);
            if (_finishedOnRestore)
            {
                // Finished before the checkpoint the job restored from: no input is read again.
                _nodes[0].HandleWatermark(long.MaxValue);
                EndOfInput();
            }

            Loop();
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            _listener.TaskFailed(this, ex is TaskFailureException ? ex : new TaskFailureException(_nodes[0].Context.OperatorId, SubtaskIndex, ex));
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Mail: the coordinator triggered checkpoint <paramref name="barrier"/>.</summary>
    /// <param name="barrier">The checkpoint's barrier.</param>
    /// <param name="chainFinished">
    /// Every subtask of this task's chain had finished when the checkpoint was triggered: finished operators write a
    /// finished marker instead of their state.
    /// </param>
    public void TriggerCheckpoint(CheckpointBarrier barrier, bool chainFinished = false)
    {
        if (_terminated || barrier.Id <= _lastCheckpointId)
        {
            return;
        }

        if (_finished)
        {
            PerformCheckpoint(barrier, emitBarrier: false, dropFinishedState: chainFinished);
        }
        else if (_source is not null)
        {
            if (!_stopped)
            {
                PerformCheckpoint(barrier, emitBarrier: true);
            }
        }
        else
        {
            // The barrier arrives through the inputs; remember it in case the inputs end first.
            _triggeredWhileRunning = barrier;
        }
    }

    /// <summary>Mail: checkpoint <paramref name="checkpointId"/> completed.</summary>
    public void NotifyCheckpointComplete(long checkpointId)
    {
        foreach (var node in _nodes)
        {
            if (!node.FinishedOnRestore)
            {
                node.Guard(n => n.Operator.NotifyCheckpointComplete(checkpointId));
            }
        }
    }

    /// <summary>Mail: leave the loop.</summary>
    public void Terminate() => _terminated = true;

    private void Open()
    {
        // Open from the tail so that downstream operators are ready when the head emits.
        for (var i = _nodes.Length - 1; i >= 0; i--)
        {
            if (!_nodes[i].FinishedOnRestore)
            {
                _nodes[i].Guard(n => n.Operator.Open(n.Context));
            }
        }

        if (_source is not null && !_finishedOnRestore)
        {
            _source.IdleStatusChanged = idle => _output.Broadcast(idle ? StreamMessage.Idle : StreamMessage.Active);
            var provider = _nodes[0].Context.TimeProvider;
            _watermarkTimer = provider.CreateTimer(_ => Mailbox.Post(EmitPeriodicWatermark), null, _autoWatermarkInterval,
                _autoWatermarkInterval);
        }
    }

    private void EmitPeriodicWatermark()
    {
        if (!_finished && !_stopped)
        {
            _nodes[0].Guard(n => _source!.EmitPeriodicWatermark(n.Output));
        }
    }

    private void Loop()
    {
        while (!_terminated)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (Mailbox.HasMail)
            {
                var start = Stopwatch.GetTimestamp();
                Mailbox.RunAll();
                _busyTicks += Stopwatch.GetTimestamp() - start;
                continue;
            }

            if (_finished || _stopped)
            {
                Signal.Wait(_hasMail, TimeSpan.FromMilliseconds(200), _cancellation);
                continue;
            }

            if (!_output.IsAvailable)
            {
                // Backpressure: take no more input, but keep running mails (checkpoints must go on).
                var waitStart = Stopwatch.GetTimestamp();
                Signal.Wait(_hasMailOrOutputAvailable, TimeSpan.FromMilliseconds(50), _cancellation);
                Volatile.Write(ref _waitingForOutputTicks, _waitingForOutputTicks + (Stopwatch.GetTimestamp() - waitStart));
                continue;
            }

            if (_source is not null)
            {
                PollSource();
            }
            else if (!ProcessInput())
            {
                Signal.Wait(_hasMailOrInput, TimeSpan.FromMilliseconds(200), _cancellation);
            }
        }
    }

    private void PollSource()
    {
        var start = Stopwatch.GetTimestamp();
        InputStatus status;
        try
        {
            status = _source!.PollNext(_nodes[0].Output);
        }
        catch (Exception ex) when (ex is not TaskFailureException and not OperationCanceledException)
        {
            throw new TaskFailureException(_nodes[0].Context.OperatorId, SubtaskIndex, ex);
        }

        _busyTicks += Stopwatch.GetTimestamp() - start;
        switch (status)
        {
            case InputStatus.EndOfInput:
                _nodes[0].HandleWatermark(long.MaxValue);
                EndOfInput();
                break;
            case InputStatus.NothingAvailable:
                Signal.Wait(_hasMail, TimeSpan.FromMilliseconds(5), _cancellation);
                break;
        }
    }

    private bool AnyInputReadable()
    {
        for (var i = 0; i < _inputs.Length; i++)
        {
            if (!_blocked[i] && !_ended[i] && _inputs[i].HasMessages)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads and handles one message, round-robin over readable channels. False when none was readable.</summary>
    private bool ProcessInput()
    {
        var n = _inputs.Length;
        for (var k = 0; k < n; k++)
        {
            var channel = _nextChannel;
            _nextChannel = channel + 1 == n ? 0 : channel + 1;
            if (_blocked[channel] || _ended[channel] || !_inputs[channel].TryRead(out var message))
            {
                continue;
            }

            var start = Stopwatch.GetTimestamp();
            Handle(channel, message);
            _busyTicks += Stopwatch.GetTimestamp() - start;
            return true;
        }

        return false;
    }

    private void Handle(int channel, in StreamMessage message)
    {
        switch (message.Kind)
        {
            case MessageKind.Batch:
                _nodes[0].HandleBatch(_inputIndexOf[channel], message.Batch!);
                break;
            case MessageKind.Watermark:
                AdvanceWatermark(_valve!.OnWatermark(channel, message.Watermark.Timestamp));
                break;
            case MessageKind.Idle:
            case MessageKind.Active:
                AdvanceWatermark(_valve!.OnIdle(channel, message.Kind == MessageKind.Idle));
                break;
            case MessageKind.Barrier:
                OnBarrier(channel, message.Barrier);
                break;
            case MessageKind.EndOfInput:
                _ended[channel] = true;
                _endedCount++;
                AdvanceWatermark(_valve!.OnEnded(channel));
                if (_aligning)
                {
                    CheckAlignment();
                }

                if (_endedCount == _inputs.Length)
                {
                    EndOfInput();
                }

                break;
        }
    }

    private void AdvanceWatermark(long? watermark)
    {
        if (watermark is { } wm)
        {
            _nodes[0].HandleWatermark(wm);
        }

        var idle = _valve!.IsIdle;
        if (idle != _idleSent)
        {
            _idleSent = idle;
            _output.Broadcast(idle ? StreamMessage.Idle : StreamMessage.Active);
        }
    }

    private void OnBarrier(int channel, CheckpointBarrier barrier)
    {
        if (barrier.Id <= _lastCheckpointId || (_aligning && barrier.Id < _alignBarrier.Id))
        {
            // Stale: already taken, or older than the checkpoint being aligned (which abandoned it).
            return;
        }

        if (_aligning && barrier.Id > _alignBarrier.Id)
        {
            // A newer checkpoint overtook the one being aligned: abandon the older one.
            _listener.CheckpointAbandoned(this, _alignBarrier.Id);
            ResetAlignment();
        }

        if (!_aligning)
        {
            _aligning = true;
            _alignBarrier = barrier;
            _alignStart = Stopwatch.GetTimestamp();
        }

        if (!_barrierSeen[channel])
        {
            _barrierSeen[channel] = true;
            _alignedCount++;
            _blocked[channel] = _exactlyOnce;
        }

        CheckAlignment();
    }

    private void CheckAlignment()
    {
        var notEndedAligned = 0;
        for (var i = 0; i < _inputs.Length; i++)
        {
            if (_barrierSeen[i] || _ended[i])
            {
                notEndedAligned++;
            }
        }

        if (notEndedAligned < _inputs.Length)
        {
            return;
        }

        var barrier = _alignBarrier;
        var alignment = Stopwatch.GetElapsedTime(_alignStart);
        ResetAlignment();
        PerformCheckpoint(barrier, emitBarrier: true, alignment);
    }

    private void ResetAlignment()
    {
        _aligning = false;
        _alignedCount = 0;
        Array.Clear(_blocked);
        Array.Clear(_barrierSeen);
    }

    private void EndOfInput()
    {
        foreach (var node in _nodes)
        {
            if (!node.FinishedOnRestore)
            {
                node.Guard(n => n.Operator.Finish(n.Output));
            }
        }

        _output.Broadcast(StreamMessage.EndOfInput);
        Volatile.Write(ref _finished, true);
        _listener.TaskFinished(this);
        if (_triggeredWhileRunning is { } pending && pending.Id > _lastCheckpointId)
        {
            PerformCheckpoint(pending, emitBarrier: false);
        }
    }

    /// <param name="barrier">The checkpoint's barrier.</param>
    /// <param name="emitBarrier">Forward the barrier (false for a finished task).</param>
    /// <param name="alignment">How long the alignment took.</param>
    /// <param name="dropFinishedState">The task and every subtask of its chain are finished: write finished markers.</param>
    private void PerformCheckpoint(CheckpointBarrier barrier, bool emitBarrier, TimeSpan alignment = default, bool dropFinishedState = false)
    {
        var id = barrier.Id;
        dropFinishedState &= _finished;
        foreach (var node in _nodes)
        {
            if (!node.FinishedOnRestore)
            {
                node.Guard(n => n.Operator.PrepareSnapshotPreBarrier(id, n.Output));
            }
        }

        if (emitBarrier)
        {
            _output.Broadcast(StreamMessage.OfBarrier(barrier));
        }

        var captures = new List<OperatorCapture>(_nodes.Length);
        foreach (var node in _nodes)
        {
            if (node.FinishedOnRestore)
            {
                captures.Add(FinishedMarker(node));
                continue;
            }

            node.Guard(n =>
            {
                n.Operator.SnapshotState(id);
                captures.Add(dropFinishedState && !n.Operator.KeepsStateWhenFinished
                    ? FinishedMarker(n)
                    : new OperatorCapture(n.Context.OperatorId, n.Context.SubtaskIndex, n.Context.Parallelism,
                        n.Context.SnapshotKeyed(), n.Context.SnapshotOperatorState()));
            });
        }

        _lastCheckpointId = id;
        if (barrier.Options.ThenStop && _source is not null)
        {
            _stopped = true;
        }

        _listener.SnapshotTaken(this, barrier, captures, alignment);
    }

    /// <summary>A finished operator subtask's capture: no state, only the marker (the keyed state is not serialized).</summary>
    private static OperatorCapture FinishedMarker(ChainNode n) =>
        new(n.Context.OperatorId, n.Context.SubtaskIndex, n.Context.Parallelism, null, null, Finished: true);

    private void Close()
    {
        _watermarkTimer?.Dispose();
        foreach (var node in _nodes)
        {
            try
            {
                if (!node.FinishedOnRestore)
                {
                    node.Operator.Close();
                }
            }
            catch (Exception)
            {
                // Closing after a failure must not hide the failure.
            }

            node.Context.DisposeState();
        }

        foreach (var input in _inputs)
        {
            input.Drain();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({SubtaskIndex})";
}
