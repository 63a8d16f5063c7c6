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
/// Flink SQL's session window aggregation (<c>TABLE(SESSION(TABLE t PARTITION BY k, DESCRIPTOR(ts), gap))</c> grouped by
/// <c>k, window_start, window_end</c>): per key, rows whose times are less than the gap apart form one session, and the
/// aggregate calls are computed per session. Output (insert-only): the key columns, <c>window_start</c> (the first row's
/// time), <c>window_end</c> (the last row's time + gap), <c>window_time</c> (<c>window_end</c> - 1 ms), then one column per
/// aggregate call.
/// </summary>
/// <remarks>
/// <para><b>Sessions.</b> A row at time t opens the window <c>[t, t + gap)</c>; windows of one key that intersect (touching
/// counts: Flink's <c>TimeWindow.intersects</c>) are merged into their union, their accumulators merged. Sessions are
/// formed per key: the planner must pass the SESSION partition keys (together with any other group keys) as
/// <c>keyColumns</c>.</para>
/// <para><b>Firing and late rows.</b> A session fires when the watermark reaches <c>window_end - 1</c> (event time) or at
/// processing time <c>window_end - 1</c> (processing time, where t is the processing time of the row), then its state is
/// cleared. A row is late when the session it would belong to after merging has already ended
/// (<c>window_end - 1 &lt;= watermark</c>): it is dropped and counted in <see cref="LateRowsDropped"/>; a row with a null
/// event time is dropped and counted too.</para>
/// <para><b>Input.</b> Insert-only (as Flink's session windows); another row kind throws
/// <see cref="InvalidOperationException"/>.</para>
/// <para><b>State.</b> Per key (<see cref="RowKey"/> of the key columns; hash-partition the input by them with
/// <see cref="RecordBatchKeySelector"/>): the list of open sessions with the key's next arrival order number (so
/// FIRST_VALUE, LAST_VALUE and LISTAGG keep arrival order across merges), the accumulators per session (namespace: the
/// session), and one timer per session. All keyed state: checkpointed, restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> As <see cref="WindowAggregateOperator"/>: results are buffered until the watermark is
/// forwarded; the maximum watermark at end of input fires every open event-time session, and <see cref="Finish"/> every
/// open processing-time session (Flink drops them), so a bounded job emits every row.</para>
/// </remarks>
public sealed class SessionWindowAggregateOperator : StreamOperator, ITimerCallback<RowKey, (long Start, long End)>
{
    private const string SessionsStateName = "session-agg-sessions";
    private const string AccumulatorStateName = "session-agg-accumulators";
    private const string TimerName = "session-agg-timers";
    private static readonly ITypeSerializer<(long, long)> WindowSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64);
    private static readonly ITypeSerializer<(long, List<(long, long)>)> SessionsSerializer =
        Serializers.Tuple(Serializers.Int64, Serializers.ListOf(WindowSerializer));

    private readonly RowEncoder _keyEncoder;
    private readonly int _keyCount;
    private readonly int _timeColumn;
    private readonly long _gap;
    private readonly bool _processingTime;
    private readonly Aggregator _aggregator;
    private readonly List<(long Start, long End)> _merged = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<(long NextOrder, List<(long Start, long End)> Windows)>? _sessions;
    private INamespacedValueState<(long Start, long End), AccumulatorSet>? _accumulators;
    private TimerService<RowKey, (long Start, long End)>? _timers;
    private RecordBatchBuilder? _pending;
    private readonly TimeZoneInfo? _zone;
    private long _lateRowsDropped;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The key columns: the SESSION partition keys and other group keys (may be empty).</param>
    /// <param name="timeColumn">The event-time attribute (TIMESTAMP or TIMESTAMP_LTZ); ignored (may be -1) for processing time.</param>
    /// <param name="gap">The session gap, a positive whole number of milliseconds.</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="processingTime">True for processing-time sessions.</param>
    /// <param name="localTimeZone">
    /// The session time zone: for a TIMESTAMP_LTZ (or processing) time, <c>window_start</c> and <c>window_end</c> are
    /// wall-clock times in it; null for UTC.
    /// </param>
    /// <exception cref="ArgumentException">A column is out of range or of the wrong type, the gap is not positive whole
    /// milliseconds, or a call does not fit its function.</exception>
    public SessionWindowAggregateOperator(Schema inputSchema, int[] keyColumns, int timeColumn, TimeSpan gap,
        IReadOnlyList<AggregateCall> calls, bool processingTime = false, TimeZoneInfo? localTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(calls);
        if (gap <= TimeSpan.Zero || gap.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"The session gap must be a positive whole number of milliseconds, not {gap}.", nameof(gap));
        }

        var timeType = processingTime ? null : WindowTime.RequireTimeColumn(inputSchema, timeColumn, nameof(timeColumn));
        _zone = WindowTime.AlignmentZone(timeType, localTimeZone);
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _keyCount = keyColumns.Length;
        _timeColumn = timeColumn;
        _gap = gap.Ticks / TimeSpan.TicksPerMillisecond;
        _processingTime = processingTime;
        _aggregator = new Aggregator(inputSchema, calls);
        var fields = keyColumns.Select(k => inputSchema[k]).ToList();
        fields.Add(new Field("window_start", WindowTime.BoundaryType));
        fields.Add(new Field("window_end", WindowTime.BoundaryType));
        fields.Add(new Field("window_time", WindowTime.WindowTimeType(timeType)));
        fields.AddRange(_aggregator.ResultFields);
        OutputSchema = OutputSchemas.Unique(fields, processingTime ? -1 : _keyCount + 2);
    }

    /// <summary>The output schema: keys, window_start, window_end, window_time (the row time for event time), aggregates.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The number of late rows and rows without event time dropped by this instance (not checkpointed).</summary>
    public long LateRowsDropped => _lateRowsDropped;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _sessions = _backend.GetValueState(new ValueStateDescriptor<(long, List<(long, long)>)>(SessionsStateName, SessionsSerializer));
        _accumulators = _backend.GetValueState(
            new ValueStateDescriptor<AccumulatorSet>(AccumulatorStateName, new AccumulatorSetSerializer(_aggregator)), WindowSerializer);
        _timers = context.GetTimerService(TimerName, WindowSerializer, this);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SessionWindowAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var timers = _timers!;
        var time = _processingTime ? null : (PrimitiveVector<long>)records.Column(_timeColumn);
        var now = timers.CurrentProcessingTime;
        var progress = _processingTime ? now : Context.CurrentWatermark;
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            if (records.GetRowKind(row) != RowKind.Insert)
            {
                throw new InvalidOperationException(
                    $"Session window aggregation takes an insert-only input, but received a {records.GetRowKind(row).ToShortString()} row.");
            }

            long timestamp;
            if (time is null)
            {
                timestamp = now;
            }
            else if (time.IsNull(row))
            {
                _lateRowsDropped++;
                continue;
            }
            else
            {
                timestamp = WindowTime.Millis(time, row);
            }

            backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            AddRow(records, row, timestamp, progress);
        }
    }

    /// <summary>Emits the sessions fired by this watermark, then forwards it.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        Flush(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => Flush(output);

    /// <summary>End of input: fires the processing-time sessions still open (event-time ones fired at the maximum watermark).</summary>
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

    private void AddRow(RecordBatch records, int row, long timestamp, long progress)
    {
        var sessions = _sessions!;
        var accumulators = _accumulators!;
        var (nextOrder, windows) = sessions.TryGet(out var current) ? current : (0L, new List<(long Start, long End)>());
        var start = timestamp;
        var end = timestamp + _gap;
        _merged.Clear();
        foreach (var w in windows)
        {
            if (w.Start <= end && start <= w.End)
            {
                _merged.Add(w);
                start = Math.Min(start, w.Start);
                end = Math.Max(end, w.End);
            }
        }

        if (end - 1 <= progress)
        {
            _lateRowsDropped++;
            return;
        }

        var window = (start, end);
        AccumulatorSet set;
        if (_merged.Count == 1 && _merged[0] == window)
        {
            accumulators.SetCurrentNamespace(window);
            set = accumulators.Value() ?? _aggregator.CreateSet();
        }
        else
        {
            set = _aggregator.CreateSet();
            foreach (var old in _merged)
            {
                accumulators.SetCurrentNamespace(old);
                if (accumulators.TryGet(out var oldSet))
                {
                    _aggregator.Merge(set, oldSet);
                    accumulators.Clear();
                }

                DeleteTimer(old);
                windows.Remove(old);
            }

            windows.Add(window);
            RegisterTimer(window);
            accumulators.SetCurrentNamespace(window);
        }

        _aggregator.Apply(set, records, row, retract: false, nextOrder);
        accumulators.Update(set);
        sessions.Update((nextOrder + 1, windows));
    }

    private void Fire(RowKey key, (long Start, long End) window)
    {
        var sessions = _sessions!;
        if (sessions.TryGet(out var current))
        {
            current.Windows.Remove(window);
            if (current.Windows.Count == 0)
            {
                sessions.Clear();
            }
            else
            {
                sessions.Update(current);
            }
        }

        var accumulators = _accumulators!;
        accumulators.SetCurrentNamespace(window);
        if (!accumulators.TryGet(out var set))
        {
            return;
        }

        accumulators.Clear();
        var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 64);
        _keyEncoder.AppendTo(key.Bytes, builder, 0);
        builder.AppendInt64(_keyCount, WindowTime.ToLocal(window.Start, _zone) * TemporalConversions.MicrosPerMilli);
        builder.AppendInt64(_keyCount + 1, WindowTime.ToLocal(window.End, _zone) * TemporalConversions.MicrosPerMilli);
        builder.AppendInt64(_keyCount + 2, (window.End - 1) * TemporalConversions.MicrosPerMilli);
        Aggregator.AppendResults(_aggregator.Results(set), builder, _keyCount + 3);
    }

    private void RegisterTimer((long Start, long End) window)
    {
        if (_processingTime)
        {
            _timers!.RegisterProcessingTimeTimer(window, window.End - 1);
        }
        else
        {
            _timers!.RegisterEventTimeTimer(window, window.End - 1);
        }
    }

    private void DeleteTimer((long Start, long End) window)
    {
        if (_processingTime)
        {
            _timers!.DeleteProcessingTimeTimer(window, window.End - 1);
        }
        else
        {
            _timers!.DeleteEventTimeTimer(window, window.End - 1);
        }
    }

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
