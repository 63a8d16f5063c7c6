using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Runtime.Operators.Windowing;

/// <summary>
/// A keyed event-time tumbling-window aggregation over <see cref="ElementBatch{T}"/>s, with the semantics of
/// Flink's <c>TumblingEventTimeWindows</c> + <c>EventTimeTrigger</c> + <c>aggregate</c>: every element falls into
/// exactly one window <c>[start, start + size)</c> with <c>start = ts - ((ts - offset) mod size)</c>, its key's
/// accumulator for that window is updated incrementally, and the window's result is emitted once the watermark
/// reaches the window's <see cref="TimeWindow.MaxTimestamp"/>.
/// </summary>
/// <remarks>
/// <para><b>Input.</b> The operator must sit behind a hash edge on the same key and hasher as
/// <see cref="TumblingWindowOptions{T, TKey, TAcc, TOut, TResult}.KeySelector"/>/<c>KeyHasher</c>. Every batch must carry
/// event times (<see cref="ElementBatch{T}.Timestamps"/>); a batch without them fails the task.</para>
/// <para><b>State and timers.</b> One aggregating state entry per key and window, with the window's end as the
/// namespace, and event-time timers (namespace: the window's end) at <c>MaxTimestamp</c> (fire) and at
/// <c>MaxTimestamp + AllowedLateness</c> (clean up; the same timer when the lateness is zero). Both live in the keyed
/// state backend, per key group, so they are checkpointed, restored and redistributed at another parallelism with
/// the keys.</para>
/// <para><b>Lateness.</b> An element is late when <c>MaxTimestamp + AllowedLateness &lt;= watermark</c> for its window:
/// it is dropped and counted in <see cref="LateElementsDropped"/>. An element whose window already fired but is
/// still within the allowed lateness is added, and the window's updated result is emitted again at once (as
/// Flink does); consumers see several results for that window, the last one being final.</para>
/// <para><b>Output.</b> Results are <see cref="ElementBatch{T}"/>s of <typeparamref name="TResult"/>, each element with
/// its window's <see cref="TimeWindow.MaxTimestamp"/> as event time. Results fired by one watermark are gathered into
/// batches of up to <see cref="MaxResultBatchSize"/> and emitted before the watermark is forwarded.</para>
/// <para><b>Threading.</b> Every member, the timer callbacks included, runs on the owning task's thread only (the
/// mailbox loop); the operator takes no locks and must not be shared between subtasks: create one instance per
/// subtask (the job vertex's factory does). <see cref="LateElementsDropped"/> may be read from another thread as a
/// racy but untorn snapshot.</para>
/// <para><b>Lifecycle.</b> Construct (options are validated) → <see cref="Open"/> declares (and restores) the keyed
/// state and the timer service → batches, watermarks, checkpoints → <see cref="Finish"/> (the maximum watermark has
/// already fired every remaining window) → <see cref="Close"/>.</para>
/// <para><b>Cost.</b> Per element: one key extraction, one key-group computation when the key differs from the previous
/// element's, one state update, and one timer registration only when the (key, window) is not in a small cache of
/// recent registrations (in steady state it is). No allocation per element besides the result batches; the cache
/// (4096 slots) is allocated in <see cref="Open"/>.</para>
/// </remarks>
/// <typeparam name="T">The element type.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TAcc">The accumulator type.</typeparam>
/// <typeparam name="TOut">The aggregate's result type.</typeparam>
/// <typeparam name="TResult">The emitted element type.</typeparam>
public sealed class TumblingWindowOperator<T, TKey, TAcc, TOut, TResult> : StreamOperator, ITimerCallback<TKey, long>
    where TKey : notnull
{
    /// <summary>The largest result batch the operator emits; more results are split over several batches.</summary>
    public const int MaxResultBatchSize = 4096;

    private const int InitialResultBatchCapacity = 256;

    /// <summary>log2 of the number of slots of the timer registration cache.</summary>
    private const int RegistrationCacheBits = 12;

    private readonly Func<T, TKey> _keySelector;
    private readonly Func<TKey, TimeWindow, TOut, TResult> _resultSelector;
    private readonly long _size;
    private readonly long _offset;
    private readonly long _allowedLateness;
    private IKeyedStateBackend<TKey>? _backend;
    private INamespacedAggregatingState<long, T, TOut>? _state;
    private TimerService<TKey, long>? _timers;
    private ElementBatch<TResult>? _results;

    /// <summary>
    /// A direct-mapped cache of (key, window end) pairs whose timers were registered by this instance. A hit means the
    /// registration would be a duplicate: the timers are still queued, or they fired, and then the window is either
    /// late (its elements are dropped before reaching the cache) or already fired within the allowed lateness (it
    /// needs no fire timer, and its cleanup timer is still queued). The watermark never goes back, so a hit never
    /// hides a needed timer. Not checkpointed: a restored instance starts empty and registers again.
    /// </summary>
    private (TKey Key, long End)[] _registeredTimers = [];
    private long _lateElementsDropped;

    /// <summary>Creates the operator; throws <see cref="ArgumentException"/> when the options are inconsistent.</summary>
    /// <param name="options">What to compute.</param>
    public TumblingWindowOperator(TumblingWindowOptions<T, TKey, TAcc, TOut, TResult> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.KeySelector);
        ArgumentNullException.ThrowIfNull(options.KeySerializer);
        ArgumentNullException.ThrowIfNull(options.KeyHasher);
        ArgumentNullException.ThrowIfNull(options.Aggregate);
        ArgumentNullException.ThrowIfNull(options.AccumulatorSerializer);
        ArgumentNullException.ThrowIfNull(options.ResultSelector);
        ArgumentException.ThrowIfNullOrEmpty(options.StateName);
        _size = WholeMilliseconds(options.Size, nameof(options.Size));
        _offset = WholeMilliseconds(options.Offset, nameof(options.Offset));
        _allowedLateness = WholeMilliseconds(options.AllowedLateness, nameof(options.AllowedLateness));
        if (_size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Size, "The window size must be positive.");
        }

        if (Math.Abs(_offset) >= _size)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Offset,
                "The window offset must be smaller than the size (|offset| < size).");
        }

        if (_allowedLateness < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.AllowedLateness, "The allowed lateness cannot be negative.");
        }

        Options = options;
        _keySelector = options.KeySelector;
        _resultSelector = options.ResultSelector;
    }

    /// <summary>The options the operator was created with.</summary>
    public TumblingWindowOptions<T, TKey, TAcc, TOut, TResult> Options { get; }

    /// <summary>
    /// The number of elements dropped because their window's state was already cleaned up
    /// (<c>MaxTimestamp + AllowedLateness &lt;= watermark</c>). Counts this operator instance since it was created; not
    /// part of the checkpointed state.
    /// </summary>
    public long LateElementsDropped => Volatile.Read(ref _lateElementsDropped);

    /// <summary>The number of pending event-time timers (fire and cleanup timers); for tests.</summary>
    internal int PendingEventTimers => _timers?.EventTimerCount ?? 0;

    /// <summary>The keys that have window state in any window; for tests.</summary>
    internal IEnumerable<TKey> KeysWithWindowState => _backend?.GetKeys(Options.StateName) ?? [];

    /// <summary>The window an element with event time <paramref name="timestamp"/> falls into.</summary>
    public TimeWindow WindowOf(long timestamp)
    {
        var start = TimeWindow.StartOf(timestamp, _offset, _size);
        return new TimeWindow(start, start + _size);
    }

    /// <summary>Declares the window state and the timer service (both restored when the job restarts from a checkpoint).</summary>
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        var o = Options;
        _backend = context.GetKeyedStateBackend(o.KeySerializer, o.KeyHasher);
        _state = _backend.GetAggregatingState(
            new AggregatingStateDescriptor<T, TAcc, TOut>(o.StateName, o.Aggregate, o.AccumulatorSerializer), Serializers.Int64);
        _timers = context.GetTimerService(o.StateName, Serializers.Int64, this);
        _registeredTimers = new (TKey, long)[1 << RegistrationCacheBits];
        _registeredTimers.AsSpan().Fill((default!, long.MinValue));
    }

    /// <summary>
    /// Assigns every element of <paramref name="batch"/> (an <see cref="ElementBatch{T}"/> with event times) to its
    /// window and adds it to its key's accumulator; drops and counts late elements. Takes ownership of the batch.
    /// </summary>
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        if (batch is not ElementBatch<T> input)
        {
            ThrowWrongBatchType(batch);
            return;
        }

        try
        {
            var items = input.Items;
            var timestamps = input.Timestamps;
            if (timestamps.Length != items.Length)
            {
                ThrowNoTimestamps();
            }

            var backend = _backend!;
            var state = _state!;
            var timers = _timers!;
            var keySelector = _keySelector;
            var comparer = EqualityComparer<TKey>.Default;
            var watermark = Context.CurrentWatermark;
            var size = _size;
            var offset = _offset;
            var lateness = _allowedLateness;
            var hasKey = false;
            TKey currentKey = default!;
            var registered = _registeredTimers;
            long dropped = 0;
            for (var i = 0; i < items.Length; i++)
            {
                var start = TimeWindow.StartOf(timestamps[i], offset, size);
                var end = start + size;
                var maxTimestamp = end - 1;
                var cleanupTime = CleanupTime(maxTimestamp, lateness);
                if (cleanupTime <= watermark)
                {
                    dropped++;
                    continue;
                }

                ref readonly var element = ref items[i];
                var key = keySelector(element);
                if (!hasKey || !comparer.Equals(key, currentKey))
                {
                    backend.SetCurrentKey(key);
                    currentKey = key;
                    hasKey = true;
                }

                state.SetCurrentNamespace(end);
                state.Add(element);
                if (maxTimestamp <= watermark)
                {
                    // The window already fired but is within the allowed lateness: fire again with the late element.
                    EmitResult(key, new TimeWindow(start, end), output);
                }

                ref var slot = ref registered[RegistrationSlot(comparer.GetHashCode(key), end)];
                if (slot.End != end || !comparer.Equals(slot.Key, key))
                {
                    // The timer queue ignores duplicates, but finding one costs a key-group computation and a lookup;
                    // the registration cache skips that for windows registered recently (see _registeredTimers).
                    if (maxTimestamp > watermark)
                    {
                        timers.RegisterEventTimeTimer(end, maxTimestamp);
                    }

                    if (cleanupTime != maxTimestamp)
                    {
                        timers.RegisterEventTimeTimer(end, cleanupTime);
                    }

                    slot = (key, end);
                }
            }

            if (dropped > 0)
            {
                Volatile.Write(ref _lateElementsDropped, _lateElementsDropped + dropped);
            }
        }
        finally
        {
            input.Dispose();
        }

        FlushResults(output);
    }

    /// <summary>Emits the results fired by this watermark's timers, then forwards the watermark.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        FlushResults(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => FlushResults(output);

    /// <inheritdoc />
    public override void Finish(IOutput output) => FlushResults(output);

    /// <inheritdoc />
    public override void Close()
    {
        _results?.Dispose();
        _results = null;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"TumblingWindowOperator(size {_size} ms, offset {_offset} ms, allowed lateness {_allowedLateness} ms)";

    void ITimerCallback<TKey, long>.OnEventTime(TimerEntry<TKey, long> timer, IOutput output)
    {
        var end = timer.Namespace;
        var maxTimestamp = end - 1;
        var state = _state!;
        state.SetCurrentNamespace(end);
        if (timer.Timestamp == maxTimestamp)
        {
            EmitResult(timer.Key, new TimeWindow(end - _size, end), output);
        }

        if (timer.Timestamp == CleanupTime(maxTimestamp, _allowedLateness))
        {
            state.Clear();
        }
    }

    void ITimerCallback<TKey, long>.OnProcessingTime(TimerEntry<TKey, long> timer, IOutput output)
    {
        // Event-time windows register no processing-time timers.
    }

    /// <summary>When the state of the window ending at <c>maxTimestamp + 1</c> is dropped (saturating at the maximum).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long CleanupTime(long maxTimestamp, long allowedLateness)
    {
        var cleanup = maxTimestamp + allowedLateness;
        return cleanup < maxTimestamp ? long.MaxValue : cleanup;
    }

    /// <summary>Appends the current key's result for <paramref name="window"/> (the state's current namespace).</summary>
    private void EmitResult(TKey key, TimeWindow window, IOutput output)
    {
        var results = _results ??= new ElementBatch<TResult>(InitialResultBatchCapacity, withTimestamps: true);
        results.Add(_resultSelector(key, window, _state!.Get()!), window.MaxTimestamp);
        if (results.RowCount >= MaxResultBatchSize)
        {
            FlushResults(output);
        }
    }

    /// <summary>The cache slot of (key, window end): a Fibonacci hash of both, top bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RegistrationSlot(int keyHash, long end)
    {
        var h = ((ulong)(uint)keyHash << 32) ^ (ulong)end;
        return (int)((h * 0x9E3779B97F4A7C15UL) >> (64 - RegistrationCacheBits));
    }

    private void FlushResults(IOutput output)
    {
        if (_results is { } results)
        {
            _results = null;
            output.Collect(results);
        }
    }

    private static long WholeMilliseconds(TimeSpan value, string name)
    {
        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{name} must be a whole number of milliseconds; it is {value}.", name);
        }

        return value.Ticks / TimeSpan.TicksPerMillisecond;
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowWrongBatchType(IBatch batch)
    {
        batch.Dispose();
        throw new InvalidOperationException(
            $"The tumbling window operator expects ElementBatch<{typeof(T).Name}> input but received {batch.GetType().Name}.");
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNoTimestamps() =>
        throw new InvalidOperationException(
            "An event-time window received a batch without event times; " +
            "assign timestamps at the source (a WatermarkStrategy and timestamped batches).");
}
