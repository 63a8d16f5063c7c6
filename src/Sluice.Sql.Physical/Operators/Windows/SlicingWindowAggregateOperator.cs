using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Planning;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.Windows;

/// <summary>
/// Flink SQL's event-time window aggregation over <c>TUMBLE</c>, <c>HOP</c> and <c>CUMULATE</c> by slices (Flink's
/// slicing window aggregation): the windows are cut into slices, and each input row is accumulated into exactly one
/// slice per key, instead of into every window it belongs to. When a window ends, the accumulators of its slices are
/// merged into its result. Takes the rows of the window table function's input (no window columns: it assigns the
/// slices itself) and emits exactly what <see cref="WindowAssignOperator"/> followed by
/// <see cref="WindowAggregateOperator"/> emit: the key columns, <c>window_start</c>, <c>window_end</c>,
/// <c>window_time</c>, then one column per aggregate call (insert-only).
/// </summary>
/// <remarks>
/// <para><b>Slices.</b> TUMBLE: the window itself. HOP: slices of <c>gcd(size, slide)</c>, so a HOP(2 s, 10 s) row is
/// accumulated once instead of five times, and a window merges five slices. CUMULATE: slices of the step; a period's
/// slices are folded, as their windows fire, into one running accumulator of the period (the first window is the first
/// slice, each next window adds one slice), as Flink's cumulative slice assigner does.</para>
/// <para><b>Firing.</b> A window fires when the watermark reaches <c>window_end - 1</c> (ms); its row is emitted before
/// the watermark is forwarded, with <c>window_time = window_end - 1 ms</c>. Timers are per key: a new slice registers
/// the first unfired window it belongs to, and a fired window registers the next window while the key has slices that
/// window needs, or fires it at once (deleting its timer) when the watermark has already passed it. A HOP slice is dropped when the last window containing it fires; a CUMULATE slice when its window
/// fires (it lives on in the running accumulator, which is dropped with the period's last window).</para>
/// <para><b>Late rows.</b> As with one accumulator per window, a row counts only for the windows that have not fired: a
/// row whose every window fired is dropped (counted in <see cref="LateRowsDropped"/>, once per row); a HOP row whose
/// slice still feeds an unfired window goes into that slice; a CUMULATE row whose slice's window already fired goes into
/// the running accumulator, which every later window of the period includes.</para>
/// <para><b>Functions.</b> Only calls whose accumulators merge without losing anything (see <see cref="CanSlice"/>):
/// not FIRST_VALUE, LAST_VALUE and LISTAGG (their result depends on the arrival order across slices), nor a
/// user-defined function without a <c>Merge</c> method; the planner keeps those on the per-window path. Merging never
/// changes a slice (merges go into a scratch accumulator, reused when its functions can reset it, or into the period's
/// running one).</para>
/// <para><b>Input.</b> Insert-only (the planner's window aggregations); a retraction is a planning error and fails.
/// Rows with a null time are dropped (counted in <see cref="NullTimestampsDropped"/>), as the window table function
/// drops them. Time zones: as <see cref="WindowAssignOperator"/>, windows of a TIMESTAMP_LTZ attribute are aligned in
/// the session time zone.</para>
/// <para><b>State.</b> Per group key (<see cref="RowKey"/> of the key columns; the input must be hash-partitioned by
/// them, or run at parallelism 1 without keys) and slice (the namespace <c>(start, end)</c> in local epoch
/// milliseconds; a CUMULATE period's running accumulator has the empty namespace <c>(period start, period start)</c>):
/// the accumulators, written as the per-window operator writes them; plus one timer per key and window end. Both are
/// keyed state, checkpointed and restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the state and the timers; batches are consumed and
/// disposed; fired results are buffered until the watermark is forwarded (also flushed before a barrier and at
/// <see cref="Finish"/>); the maximum watermark at end of input fires every remaining window.</para>
/// </remarks>
public sealed class SlicingWindowAggregateOperator : StreamOperator, ITimerCallback<RowKey, long>
{
    private const string StateName = "slicing-window-agg-accumulators";
    private const string TimerName = "slicing-window-agg-timers";
    private static readonly ITypeSerializer<(long, long)> SliceSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private readonly RowEncoder _keyEncoder;
    private readonly RowKeyCache _keys;
    private readonly int _keyCount;
    private readonly int _timeColumn;
    private readonly TimeZoneInfo? _zone;
    private readonly Aggregator _aggregator;
    private readonly WindowKind _kind;
    private readonly long _size;
    private readonly long _slide;
    private readonly long _offset;
    private readonly long _slice;
    private IKeyedStateBackend<RowKey>? _backend;
    private INamespacedValueState<(long Start, long End), AccumulatorSet>? _state;
    private TimerService<RowKey, long>? _timers;
    private RecordBatchBuilder? _pending;
    private AccumulatorSet? _scratch;

    /// <summary>The slices of the key being fired, read once for all its due windows (index 0: the first window's first slice).</summary>
    private readonly List<AccumulatorSet?> _firedSlices = [];
    private long _lateRowsDropped;
    private long _nullTimestampsDropped;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows (the window table function's input, no window columns).</param>
    /// <param name="keyColumns">The group key columns besides the window (may be empty).</param>
    /// <param name="timeColumn">The event-time attribute column (TIMESTAMP or TIMESTAMP_LTZ).</param>
    /// <param name="window">TUMBLE, HOP or CUMULATE.</param>
    /// <param name="calls">The aggregate calls; each must pass <see cref="CanSlice"/>.</param>
    /// <param name="localTimeZone">The session time zone (windows of a TIMESTAMP_LTZ attribute are aligned in it); null for UTC.</param>
    /// <exception cref="ArgumentException">A column is out of range or of the wrong type, or a call does not fit its function or cannot be sliced.</exception>
    public SlicingWindowAggregateOperator(Schema inputSchema, int[] keyColumns, int timeColumn, WindowSpec window,
        IReadOnlyList<AggregateCall> calls, TimeZoneInfo? localTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(calls);
        var timeType = WindowTime.RequireTimeColumn(inputSchema, timeColumn, nameof(timeColumn));
        if (!CanSlice(calls))
        {
            throw new ArgumentException(
                "A sliced window aggregation needs calls whose accumulators merge (not FIRST_VALUE, LAST_VALUE, LISTAGG, nor a user-defined function without Merge).",
                nameof(calls));
        }

        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _keys = new RowKeyCache(_keyEncoder);
        _keyCount = keyColumns.Length;
        _timeColumn = timeColumn;
        _zone = WindowTime.AlignmentZone(timeType, localTimeZone);
        _aggregator = new Aggregator(inputSchema, calls, insertOnly: true);
        _kind = window.Kind;
        _size = window.SizeMillis;
        _slide = window.StepMillis;
        _offset = window.OffsetMillis;
        _slice = _kind == WindowKind.Hop ? Gcd(_size, _slide) : _slide;
        var fields = keyColumns.Select(k => inputSchema[k]).ToList();
        fields.Add(new Field("window_start", WindowTime.BoundaryType));
        fields.Add(new Field("window_end", WindowTime.BoundaryType));
        fields.Add(new Field("window_time", WindowTime.WindowTimeType(timeType)));
        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields, _keyCount + 2);
    }

    /// <summary>The output schema: keys, window_start, window_end, window_time (the row time), aggregates.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The slice length in milliseconds (the window for TUMBLE, gcd(size, slide) for HOP, the step for CUMULATE).</summary>
    public long SliceMillis => _slice;

    /// <summary>The number of rows dropped by this instance because every window they belong to had fired (not checkpointed).</summary>
    public long LateRowsDropped => _lateRowsDropped;

    /// <summary>The number of rows dropped by this instance because their time was null (not checkpointed).</summary>
    public long NullTimestampsDropped => _nullTimestampsDropped;

    /// <summary>
    /// True when every call's accumulators can be merged from slices with the same result as one accumulator per window:
    /// all built-in functions except FIRST_VALUE, LAST_VALUE, LISTAGG, ARRAY_AGG and JSON_ARRAYAGG (arrival order), and user-defined functions with a <c>Merge</c>
    /// method.
    /// </summary>
    public static bool CanSlice(IReadOnlyList<AggregateCall> calls)
    {
        ArgumentNullException.ThrowIfNull(calls);
        foreach (var call in calls)
        {
            if (call.Kind is AggregateKind.FirstValue or AggregateKind.LastValue or AggregateKind.ListAgg or AggregateKind.ArrayAgg or AggregateKind.JsonArrayAgg
                || (call.Kind == AggregateKind.UserDefined && call.UserDefined?.Merge is null))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(
            new ValueStateDescriptor<AccumulatorSet>(StateName, new AccumulatorSetSerializer(_aggregator)), SliceSerializer);
        _timers = context.GetTimerService(TimerName, Serializers.Int64, this);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SlicingWindowAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var time = (PrimitiveVector<long>)records.Column(_timeColumn);
        var watermark = Context.CurrentWatermark;

        // The accumulators of the last two (key, slice) pairs the batch touched: half of Nexmark's bids go to one hot
        // auction, so many rows skip the key group and state lookups. Valid within the batch only (the accumulators are
        // changed in place in the state; nothing fires or clears them while a batch is processed).
        RowKey? recentKey = null;
        RowKey? otherKey = null;
        (long, long) recentTarget = default;
        (long, long) otherTarget = default;
        AccumulatorSet? recentSet = null;
        AccumulatorSet? otherSet = null;
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            if (time.IsNull(row))
            {
                _nullTimestampsDropped++;
                continue;
            }

            if (!records.GetRowKind(row).IsAdditive())
            {
                throw new InvalidOperationException(
                    $"{nameof(SlicingWindowAggregateOperator)} takes insert-only input but received a {records.GetRowKind(row)} row; the planner must not slice a window aggregation over an updating input.");
            }

            var timestamp = WindowTime.ToLocal(WindowTime.Millis(time, row), _zone);
            var sliceStart = timestamp - FloorMod(timestamp - _offset, _slice);
            var sliceEnd = sliceStart + _slice;
            var lastEnd = LastWindowEnd(sliceStart);
            if (Fired(lastEnd, watermark))
            {
                _lateRowsDropped++;
                continue;
            }

            var firstEnd = FirstWindowEnd(sliceEnd);
            var target = (sliceStart, sliceEnd);
            if (_kind == WindowKind.Cumulate && Fired(sliceEnd, watermark))
            {
                // The slice's own window fired: the period's running accumulator feeds every later window of the period.
                var period = PeriodStart(sliceStart);
                target = (period, period);
            }

            var key = _keys.KeyOf(records, row);
            if (ReferenceEquals(key, recentKey) && target == recentTarget)
            {
                _aggregator.Apply(recentSet!, records, row, retract: false);
                continue;
            }

            if (ReferenceEquals(key, otherKey) && target == otherTarget)
            {
                (recentKey, recentTarget, recentSet, otherKey, otherTarget, otherSet) = (otherKey, otherTarget, otherSet, recentKey, recentTarget, recentSet);
                _aggregator.Apply(recentSet!, records, row, retract: false);
                continue;
            }

            backend.SetCurrentKey(key);
            state.SetCurrentNamespace(target);
            if (!state.TryGet(out var set))
            {
                set = _aggregator.CreateSet();
                var fireEnd = firstEnd;
                while (Fired(fireEnd, watermark))
                {
                    fireEnd += _slide;
                }

                Register(fireEnd);
            }

            _aggregator.Apply(set, records, row, retract: false);
            state.Update(set);
            (otherKey, otherTarget, otherSet) = (recentKey, recentTarget, recentSet);
            (recentKey, recentTarget, recentSet) = (key, target, set);
        }
    }

    /// <summary>Emits the windows fired by this watermark, then forwards it.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        Flush(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => Flush(output);

    /// <summary>End of input: emits what is buffered (the windows fired at the maximum watermark).</summary>
    public override void Finish(IOutput output) => Flush(output);

    /// <inheritdoc />
    public override void Close()
    {
        _pending?.Dispose();
        _pending = null;
    }

    void ITimerCallback<RowKey, long>.OnEventTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        if (_kind == WindowKind.Cumulate)
        {
            FireCumulative(timer.Key, timer.Namespace);
        }
        else
        {
            FireHopping(timer.Key, timer.Namespace);
        }
    }

    void ITimerCallback<RowKey, long>.OnProcessingTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        // No processing-time timers are registered.
    }

    /// <summary>
    /// TUMBLE and HOP: merges the window's slices, emits, and drops the slices no later window needs; then, while the
    /// key has slices a later window needs, fires that window too when the watermark has already passed it (its timer,
    /// registered by one of its slices, is deleted) or else registers its timer. A watermark that passes several windows
    /// (the end of input) so reads each slice of the key once and costs one timer per key instead of one per window; the
    /// key's windows are emitted one after the other, before the watermark, as their timers would have emitted them.
    /// </summary>
    private void FireHopping(RowKey key, long windowEnd)
    {
        var state = _state!;
        var timers = _timers!;
        var watermark = timers.CurrentWatermark;
        var firstStart = windowEnd - _size;
        _firedSlices.Clear();
        try
        {
            while (true)
            {
                var windowStart = windowEnd - _size;
                var lastUsedBefore = windowStart + _slide;
                AccumulatorSet? single = null;
                AccumulatorSet? merged = null;
                var later = false;
                for (var sliceStart = windowStart; sliceStart < windowEnd; sliceStart += _slice)
                {
                    var index = (int)((sliceStart - firstStart) / _slice);
                    AccumulatorSet? set;
                    if (index < _firedSlices.Count)
                    {
                        set = _firedSlices[index];
                    }
                    else
                    {
                        // Windows advance by whole slices, so the slices are read in order, each once.
                        state.SetCurrentNamespace((sliceStart, sliceStart + _slice));
                        state.TryGet(out set);
                        _firedSlices.Add(set);
                    }

                    if (set is null)
                    {
                        continue;
                    }

                    if (single is null)
                    {
                        single = set;
                    }
                    else
                    {
                        if (merged is null)
                        {
                            merged = ScratchSet();
                            _aggregator.Merge(merged, single);
                        }

                        _aggregator.Merge(merged, set);
                    }

                    if (sliceStart < lastUsedBefore)
                    {
                        // This window is the last one containing the slice (windows fire in order per key).
                        state.SetCurrentNamespace((sliceStart, sliceStart + _slice));
                        state.Clear();
                    }
                    else
                    {
                        later = true;
                    }
                }

                if ((merged ?? single) is { } result)
                {
                    Emit(key, windowStart, windowEnd, result);
                }

                if (!later)
                {
                    return;
                }

                var next = windowEnd + _slide;
                if (!Fired(next, watermark))
                {
                    Register(next);
                    return;
                }

                timers.DeleteEventTimeTimer(next, FireTime(next));
                windowEnd = next;
            }
        }
        finally
        {
            _firedSlices.Clear();
        }
    }

    /// <summary>CUMULATE: folds the window's last slice into the period's running accumulator and emits it.</summary>
    private void FireCumulative(RowKey key, long windowEnd)
    {
        var state = _state!;
        var period = PeriodStart(windowEnd - 1);
        state.SetCurrentNamespace((windowEnd - _slice, windowEnd));
        state.TryGet(out var slice);
        if (slice is not null)
        {
            state.Clear();
        }

        state.SetCurrentNamespace((period, period));
        state.TryGet(out var running);
        if (running is null)
        {
            running = slice;
        }
        else if (slice is not null)
        {
            _aggregator.Merge(running, slice);
        }

        if (running is null)
        {
            return;
        }

        if (windowEnd >= period + _size)
        {
            state.Clear();
        }
        else
        {
            state.Update(running);
            Register(windowEnd + _slide);
        }

        Emit(key, period, windowEnd, running);
    }

    /// <summary>An empty set to merge a window's slices into: one reused set when every function can reset its accumulator.</summary>
    private AccumulatorSet ScratchSet()
    {
        if (_scratch is { } scratch && _aggregator.TryReset(scratch))
        {
            return scratch;
        }

        return _scratch = _aggregator.CreateSet();
    }

    private void Emit(RowKey key, long windowStart, long windowEnd, AccumulatorSet set)
    {
        if (set.RowCount <= 0)
        {
            return;
        }

        var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 64);
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        builder.AppendInt64(_keyCount, windowStart * TemporalConversions.MicrosPerMilli);
        builder.AppendInt64(_keyCount + 1, windowEnd * TemporalConversions.MicrosPerMilli);
        builder.AppendInt64(_keyCount + 2, FireTime(windowEnd) * TemporalConversions.MicrosPerMilli);
        _aggregator.AppendResults(set, builder, _keyCount + 3);
    }

    private void Register(long windowEnd) => _timers!.RegisterEventTimeTimer(windowEnd, FireTime(windowEnd));

    /// <summary>The instant (epoch ms) at which the window ending at local time <paramref name="windowEnd"/> fires.</summary>
    private long FireTime(long windowEnd) => WindowTime.ToUtc(windowEnd, _zone) - 1;

    private bool Fired(long windowEnd, long watermark) => FireTime(windowEnd) <= watermark;

    /// <summary>The end of the first window containing the slice ending at <paramref name="sliceEnd"/>.</summary>
    private long FirstWindowEnd(long sliceEnd) =>
        _kind == WindowKind.Hop ? sliceEnd + FloorMod(_offset + _size - sliceEnd, _slide) : sliceEnd;

    /// <summary>The end of the last window containing the slice starting at <paramref name="sliceStart"/>.</summary>
    private long LastWindowEnd(long sliceStart) => _kind switch
    {
        WindowKind.Hop => sliceStart + _size - FloorMod(sliceStart - _offset, _slide),
        WindowKind.Cumulate => PeriodStart(sliceStart) + _size,
        _ => sliceStart + _size,
    };

    /// <summary>The start of the CUMULATE period containing local time <paramref name="time"/>.</summary>
    private long PeriodStart(long time) => time - FloorMod(time - _offset, _size);

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }

    private static long FloorMod(long value, long divisor)
    {
        var remainder = value % divisor;
        return remainder < 0 ? remainder + divisor : remainder;
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
