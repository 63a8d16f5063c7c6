using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.Windows;

/// <summary>
/// Flink SQL's window aggregation over windowing table functions
/// (<c>SELECT k, window_start, window_end, COUNT(*) FROM TABLE(TUMBLE(...)) GROUP BY k, window_start, window_end</c>):
/// the input rows carry their window (<c>window_start</c>, <c>window_end</c>, appended by
/// <see cref="WindowAssignOperator"/>); per group key and window it accumulates the aggregate calls, and emits each
/// window's result once, when the window ends. Output (insert-only): the key columns, <c>window_start</c>,
/// <c>window_end</c>, <c>window_time</c>, then one column per aggregate call.
/// </summary>
/// <remarks>
/// <para><b>Firing.</b> Event time: a window fires when the watermark reaches <c>window_end - 1</c> (ms); its results
/// are emitted before the watermark is forwarded, with <c>window_time = window_end - 1 ms</c> as row time. Processing
/// time: a window fires at processing time <c>window_end - 1</c> (a processing-time timer), each firing emitted at once;
/// processing-time windows still open when the input ends fire then, at <see cref="Finish"/> (Flink drops them), so a
/// bounded job emits every row.</para>
/// <para><b>Late rows.</b> A row whose window already fired (<c>window_end - 1 &lt;= watermark</c>, or &lt;= the current
/// processing time) is dropped and counted in <see cref="LateRowsDropped"/>, as Flink's <c>WindowAggOperator</c> does.</para>
/// <para><b>Changelog input.</b> +I/+U rows accumulate and -U/-D rows retract (retractable accumulators, see
/// <see cref="AggregateKind"/>); a retraction for a window without rows is ignored, and a window whose net row count is
/// zero when it fires emits nothing.</para>
/// <para><b>State.</b> Per group key (<see cref="RowKey"/> of the key columns; the input must be hash-partitioned by them
/// with <see cref="RecordBatchKeySelector"/>, or run at parallelism 1 without keys) and window (the namespace): the
/// accumulators; plus one timer per key and window. Both are keyed state, so open windows and pending timers are
/// checkpointed, and restorable at another parallelism. A window's state is cleared when it fires. Windows are kept
/// whole: a HOP row is accumulated in every window it belongs to. The planner uses this operator for TUMBLE, for
/// processing-time windows and for aggregates that cannot merge; event-time HOP and CUMULATE windows of mergeable
/// aggregates go to <see cref="SlicingWindowAggregateOperator"/>, which accumulates each row once.</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the state and the timers; batches are consumed and
/// disposed; fired results are buffered until the watermark is forwarded (also flushed before a barrier and at
/// <see cref="Finish"/>); the maximum watermark at end of input fires every remaining event-time window.</para>
/// </remarks>
public sealed class WindowAggregateOperator : StreamOperator, ITimerCallback<RowKey, (long Start, long End)>
{
    private const string StateName = "window-agg-accumulators";
    private const string TimerName = "window-agg-timers";
    private static readonly ITypeSerializer<(long, long)> WindowSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private readonly RowEncoder _keyEncoder;
    private readonly RowKeyCache _keys;
    private readonly AggregateValue?[] _results;
    private readonly int _keyCount;
    private readonly int _startColumn;
    private readonly int _endColumn;
    private readonly TimeZoneInfo? _zone;
    private readonly bool _processingTime;
    private readonly bool _attachedProcessingTime;
    private readonly Aggregator _aggregator;
    private IKeyedStateBackend<RowKey>? _backend;
    private INamespacedValueState<(long Start, long End), AccumulatorSet>? _state;
    private TimerService<RowKey, (long Start, long End)>? _timers;
    private RecordBatchBuilder? _pending;
    private long _lateRowsDropped;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows (with the window columns).</param>
    /// <param name="keyColumns">The group key columns besides the window (may be empty).</param>
    /// <param name="windowStartColumn">The <c>window_start</c> column (TIMESTAMP).</param>
    /// <param name="windowEndColumn">The <c>window_end</c> column (TIMESTAMP).</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="processingTime">True when the windows are processing-time windows (fired by processing-time timers).</param>
    /// <param name="windowTimeType">
    /// The type of <c>window_time</c>: TIMESTAMP(3) NOT NULL (the default for event time) or TIMESTAMP_LTZ(3) NOT NULL (the
    /// default for processing time, and for event time over a TIMESTAMP_LTZ attribute).
    /// </param>
    /// <param name="localTimeZone">
    /// The session time zone, when <c>window_time</c> is a TIMESTAMP_LTZ: <c>window_end</c> is a wall-clock time in
    /// it, converted to an instant to fire the window; null for UTC.
    /// </param>
    /// <param name="insertOnlyInput">
    /// True when the input never retracts (the planner's window aggregations): MIN and MAX then keep one value per
    /// window instead of a multiset; a retraction fails the job.
    /// </param>
    /// <param name="attachedWindows">
    /// True when the windows come from an earlier window aggregation (a cascaded window aggregation): with processing
    /// time its rows arrive once their window ended, so they are not late; the window fires at the next processing-time timer.
    /// </param>
    /// <exception cref="ArgumentException">A column is out of range or of the wrong type, or a call does not fit its function.</exception>
    public WindowAggregateOperator(Schema inputSchema, int[] keyColumns, int windowStartColumn, int windowEndColumn,
        IReadOnlyList<AggregateCall> calls, bool processingTime = false, DataType? windowTimeType = null, TimeZoneInfo? localTimeZone = null,
        bool insertOnlyInput = false, bool attachedWindows = false)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        WindowTime.RequireTimeColumn(inputSchema, windowStartColumn, nameof(windowStartColumn));
        WindowTime.RequireTimeColumn(inputSchema, windowEndColumn, nameof(windowEndColumn));
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _keys = new RowKeyCache(_keyEncoder);
        _keyCount = keyColumns.Length;
        _startColumn = windowStartColumn;
        _endColumn = windowEndColumn;
        var resolvedTimeType = windowTimeType ?? WindowTime.WindowTimeType(processingTime ? null : DataTypes.Timestamp(3));
        _zone = WindowTime.AlignmentZone(resolvedTimeType.TypeId == TypeId.TimestampLtz ? null : resolvedTimeType, localTimeZone);
        _processingTime = processingTime;
        _attachedProcessingTime = processingTime && attachedWindows;
        _aggregator = new Aggregator(inputSchema, calls, insertOnlyInput);
        _results = new AggregateValue?[_aggregator.Functions.Count];
        var fields = keyColumns.Select(k => inputSchema[k]).ToList();
        fields.Add(new Field("window_start", inputSchema[windowStartColumn].DataType.NotNull()));
        fields.Add(new Field("window_end", inputSchema[windowEndColumn].DataType.NotNull()));
        fields.Add(new Field("window_time", windowTimeType ?? WindowTime.WindowTimeType(processingTime ? null : DataTypes.Timestamp(3))));
        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields, processingTime ? -1 : _keyCount + 2);
    }

    /// <summary>The output schema: keys, window_start, window_end, window_time (the row time for event time), aggregates.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The number of late rows dropped by this instance (not checkpointed).</summary>
    public long LateRowsDropped => _lateRowsDropped;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(
            new ValueStateDescriptor<AccumulatorSet>(StateName, new AccumulatorSetSerializer(_aggregator)), WindowSerializer);
        _timers = context.GetTimerService(TimerName, WindowSerializer, this);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(WindowAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        var timers = _timers!;
        var starts = (PrimitiveVector<long>)records.Column(_startColumn);
        var ends = (PrimitiveVector<long>)records.Column(_endColumn);
        var progress = _processingTime ? timers.CurrentProcessingTime : Context.CurrentWatermark;

        // The accumulators of the last two (key, window) pairs the batch added to: Nexmark's hot bidder and hot auction
        // take most rows, so many rows skip the key group and state lookups (as the sliced operator does). Valid within
        // the batch only: the accumulators change in place in the state, and nothing fires or clears them while a
        // batch is processed.
        RowKey? recentKey = null;
        RowKey? otherKey = null;
        (long, long) recentWindow = default;
        (long, long) otherWindow = default;
        AccumulatorSet? recentSet = null;
        AccumulatorSet? otherSet = null;
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var window = (starts.Values[row], ends.Values[row]);
            var fireAt = WindowTime.ToUtc(TemporalConversions.MicrosToMillis(window.Item2), _zone) - 1;
            if (fireAt <= progress && !_attachedProcessingTime)
            {
                _lateRowsDropped++;
                continue;
            }

            var key = _keys.KeyOf(records, row);
            var additive = records.GetRowKind(row).IsAdditive();
            if (additive)
            {
                if (ReferenceEquals(key, recentKey) && window == recentWindow)
                {
                    _aggregator.Apply(recentSet!, records, row, retract: false);
                    continue;
                }

                if (ReferenceEquals(key, otherKey) && window == otherWindow)
                {
                    (recentKey, recentWindow, recentSet, otherKey, otherWindow, otherSet) = (otherKey, otherWindow, otherSet, recentKey, recentWindow, recentSet);
                    _aggregator.Apply(recentSet!, records, row, retract: false);
                    continue;
                }
            }

            backend.SetCurrentKey(key);
            state.SetCurrentNamespace(window);
            if (!state.TryGet(out var set))
            {
                if (!additive)
                {
                    continue;
                }

                set = _aggregator.CreateSet();
                if (_processingTime)
                {
                    timers.RegisterProcessingTimeTimer(window, fireAt);
                }
                else
                {
                    timers.RegisterEventTimeTimer(window, fireAt);
                }
            }
            else if (!additive && set.RowCount <= 0)
            {
                continue;
            }

            _aggregator.Apply(set, records, row, retract: !additive);
            state.Update(set);
            if (additive)
            {
                (otherKey, otherWindow, otherSet) = (recentKey, recentWindow, recentSet);
                (recentKey, recentWindow, recentSet) = (key, window, set);
            }
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

    /// <summary>End of input: fires the processing-time windows still open (event-time ones fired at the maximum watermark).</summary>
    public override void Finish(IOutput output)
    {
        if (_processingTime)
        {
            _timers?.FireAllProcessingTimeTimers();
        }

        Flush(output);
    }

    /// <inheritdoc />
    public override void Close()
    {
        _pending?.Dispose();
        _pending = null;
    }

    void ITimerCallback<RowKey, (long Start, long End)>.OnEventTime(TimerEntry<RowKey, (long Start, long End)> timer, IOutput output) =>
        Fire(timer.Key, timer.Namespace);

    void ITimerCallback<RowKey, (long Start, long End)>.OnProcessingTime(TimerEntry<RowKey, (long Start, long End)> timer, IOutput output)
    {
        Fire(timer.Key, timer.Namespace);
        Flush(output);
    }

    private void Fire(RowKey key, (long Start, long End) window)
    {
        var state = _state!;
        state.SetCurrentNamespace(window);
        if (!state.TryGet(out var set))
        {
            return;
        }

        state.Clear();
        if (set.RowCount <= 0)
        {
            return;
        }

        var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 64);
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        builder.AppendInt64(_keyCount, window.Start);
        builder.AppendInt64(_keyCount + 1, window.End);
        builder.AppendInt64(_keyCount + 2, (WindowTime.ToUtc(TemporalConversions.MicrosToMillis(window.End), _zone) - 1) * TemporalConversions.MicrosPerMilli);
        // One reused array for every fired window's results.
        _aggregator.Results(set, _results);

        Aggregator.AppendResults(_results, builder, _keyCount + 3);
    }

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
