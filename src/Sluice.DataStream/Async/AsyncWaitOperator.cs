using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.DataStream.Functions;
using Sluice.DataStream.Operators;
using Sluice.DataStream.Windowing;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.DataStream.Async;

/// <summary>
/// The async I/O operator: one queue of in-flight elements and watermarks in arrival order. Ordered mode emits from the
/// head while the head is complete; unordered mode emits any complete element before the first queued watermark, and a
/// watermark once everything before it was emitted. Inputs still queued at a checkpoint are snapshotted (split-evenly
/// operator state, so they are dealt out on rescale) and invoked again on restore.
/// </summary>
/// <remarks>
/// <b>Threading.</b> Completions happen on other threads and only complete their tasks; the queue, the emission and
/// the state are touched on the task thread only, whenever the operator is called (and while it waits when full or at
/// end of input).
/// </remarks>
internal sealed class AsyncWaitOperator<TIn, TOut>(
    IAsyncFunction<TIn, TOut> function, TimeSpan timeout, int capacity, bool ordered, ITypeSerializer<TIn> inputSerializer,
    AsyncRetryStrategy? retry = null)
    : DataStreamOperator
{
    private const long NoTimestamp = long.MinValue;
    private readonly LinkedList<Entry> _queue = new();
    private readonly Collector<TOut> _collector = new();
    private readonly CancellationTokenSource _closing = new();
    private IListState<TimestampedValue<TIn>>? _inFlightState;
    private int _inFlight;

    /// <summary>The number of elements whose results were not emitted yet.</summary>
    internal int InFlightCount => _inFlight;

    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _inFlightState = context.OperatorState.GetListState("async-in-flight", new TimestampedValueSerializer<TIn>(inputSerializer));
        foreach (var restored in _inFlightState.Get())
        {
            Issue(restored.Value, restored.Timestamp);
        }
    }

    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (!Inputs.TryAccept<TIn>(batch, out var input))
        {
            return;
        }

        try
        {
            var items = input.Items;
            var ts = input.Timestamps;
            var hasTs = input.HasTimestamps;
            for (var i = 0; i < items.Length; i++)
            {
                WaitForRoom(output);
                Issue(items[i], hasTs ? ts[i] : NoTimestamp);
            }
        }
        finally
        {
            input.Dispose();
        }

        Drain(output);
        FlushAll(output);
    }

    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        Drain(output);
        if (_queue.Count == 0)
        {
            base.ProcessWatermark(watermark, output);
        }
        else
        {
            _queue.AddLast(new Entry(watermark));
        }
    }

    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output)
    {
        Drain(output);
        base.PrepareSnapshotPreBarrier(checkpointId, output);
    }

    public override void SnapshotState(long checkpointId)
    {
        var pending = new List<TimestampedValue<TIn>>(_inFlight);
        foreach (var e in _queue)
        {
            if (!e.IsWatermark)
            {
                pending.Add(new TimestampedValue<TIn>(e.Input, e.Timestamp));
            }
        }

        _inFlightState!.Update(pending);
    }

    public override void Close()
    {
        _closing.Cancel();
        base.Close();
        _queue.Clear();
    }

    protected override void OnEndOfInput(IOutput output)
    {
        Drain(output);
        while (_queue.Count > 0)
        {
            WaitForProgress();
            Drain(output);
        }
    }

    protected override void FlushOutputs(IOutput output)
    {
        _collector.SetOutput(output);
        _collector.Flush();
    }

    protected override void DiscardOutputs() => _collector.Discard();

    private void WaitForRoom(IOutput output)
    {
        Drain(output);
        while (_inFlight >= capacity)
        {
            WaitForProgress();
            Drain(output);
        }
    }

    private void Issue(TIn input, long timestamp)
    {
        var call = InvokeAsync(input);
        _queue.AddLast(new Entry(input, timestamp, call));
        _inFlight++;

        // When the call completes, emit what became emittable on the task thread, without waiting for the next element.
        call.ContinueWith(static (_, state) => ((AsyncWaitOperator<TIn, TOut>)state!).OnCallCompleted(), this,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnCallCompleted()
    {
        if (!_closing.IsCancellationRequested)
        {
            Context.PostToTaskThread(output =>
            {
                if (!_closing.IsCancellationRequested)
                {
                    Drain(output);
                    FlushAll(output);
                }
            });
        }
    }

    private async Task<Result> InvokeAsync(TIn input)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(_closing.Token);
        using var timer = Context.TimeProvider.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), timeoutSource, timeout, Timeout.InfiniteTimeSpan);
        var timeProvider = Context.TimeProvider;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var call = function.InvokeAsync(input, timeoutSource.Token).AsTask();
                    var values = await call.WaitAsync(timeoutSource.Token).ConfigureAwait(false);
                    return new Result(values, TimedOut: false);
                }
                catch (Exception ex) when (!timeoutSource.IsCancellationRequested && retry is not null && retry.ShouldRetry(attempt, ex))
                {
                    await Task.Delay(retry.DelayBefore(attempt), timeProvider, timeoutSource.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested && !_closing.IsCancellationRequested)
        {
            return new Result(null, TimedOut: true);
        }
    }

    /// <summary>Blocks the task thread until a queued element that could be emitted next has completed.</summary>
    private void WaitForProgress()
    {
        var waitable = new List<Task>();
        foreach (var e in _queue)
        {
            if (e.IsWatermark)
            {
                break;
            }

            if (!e.Task!.IsCompleted)
            {
                waitable.Add(e.Task);
                if (ordered)
                {
                    break;
                }
            }
        }

        if (waitable.Count > 0)
        {
            Task.WaitAny([.. waitable]);
        }
    }

    /// <summary>Emits what may be emitted now, in queue order.</summary>
    private void Drain(IOutput output)
    {
        var node = _queue.First;
        while (node is not null)
        {
            var e = node.Value;
            var next = node.Next;
            if (e.IsWatermark)
            {
                if (node != _queue.First)
                {
                    break;
                }

                _queue.RemoveFirst();
                base.ProcessWatermark(e.Watermark, output);
            }
            else if (e.Task!.IsCompleted)
            {
                _queue.Remove(node);
                _inFlight--;
                Emit(e, output);
            }
            else if (ordered)
            {
                break;
            }

            node = next;
        }
    }

    private void Emit(Entry entry, IOutput output)
    {
        IEnumerable<TOut> values;
        if (!entry.Task!.IsCompletedSuccessfully)
        {
            Exception error = entry.Task.Exception?.InnerException ?? entry.Task.Exception ?? (Exception)new OperationCanceledException();
            throw error as SluiceException ?? new JobException(
                $"The async function of '{Context.OperatorName}' failed for input {entry.Input}: {error.Message}", ErrorDomain.User, error);
        }

        var result = entry.Task.Result;
        values = result.TimedOut ? function.OnTimeout(entry.Input) : result.Values ?? [];
        _collector.SetOutput(output);
        _collector.CurrentTimestamp = entry.Timestamp == NoTimestamp ? null : entry.Timestamp;
        foreach (var v in values)
        {
            _collector.Collect(v);
        }
    }

    private readonly record struct Result(IEnumerable<TOut>? Values, bool TimedOut);

    /// <summary>A queued element with its call, or a queued watermark.</summary>
    private sealed class Entry
    {
        public Entry(TIn input, long timestamp, Task<Result> task)
        {
            Input = input;
            Timestamp = timestamp;
            Task = task;
        }

        public Entry(Watermark watermark)
        {
            Input = default!;
            Watermark = watermark;
            IsWatermark = true;
        }

        public TIn Input { get; }

        public long Timestamp { get; }

        public Task<Result>? Task { get; }

        public Watermark Watermark { get; }

        public bool IsWatermark { get; }
    }
}
