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

namespace Sluice.Sql.Physical.Operators.Over;

/// <summary>
/// Flink SQL's OVER aggregation ordered by a time attribute
/// (<c>SUM(x) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)</c>): for every input row, the
/// aggregate calls over the row's frame within its partition, and the <c>LAG</c> calls (<see cref="OverLagCall"/>: a value
/// of an earlier row of the partition, whatever the frame). Output (insert-only): every input column, one column per
/// aggregate call, then one per <c>LAG</c> call.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Event time: rows are buffered per partition key and time until the watermark passes their time,
/// then processed in time order (rows with the same time in arrival order), as Flink's <c>RowTime*</c> over functions.
/// Processing time: the rows of a batch are processed at once, all at the current processing time (so in a RANGE frame
/// the rows of one key in one batch see each other), grouped by key in order of first appearance.</para>
/// <para><b>Frames</b> (<see cref="OverFrame"/>). ROWS: each row's results cover it and up to n rows before it. RANGE: all
/// rows of one time are accumulated first and share the results, covering the rows whose time is at least
/// <c>time - interval</c>. Rows leaving a bounded frame are retracted from the accumulators (retractable accumulators,
/// see <see cref="AggregateKind"/>).</para>
/// <para><b>LAG.</b> Rows are numbered in the order they are processed (the order above); <c>LAG(x, k, d)</c> of a row is x
/// of the row k before it in its partition, else its own d. The last k rows of each partition are kept for it.</para>
/// <para><b>Late rows.</b> Event time: a row whose time is at or below the current watermark (or null) is dropped and
/// counted in <see cref="LateRowsDropped"/>, as Flink does.</para>
/// <para><b>Input.</b> Insert-only (Flink requires an append-only input); another row kind throws
/// <see cref="InvalidOperationException"/>.</para>
/// <para><b>State.</b> Per partition key (<see cref="RowKey"/> of the PARTITION BY columns; hash-partition the input by them
/// with <see cref="RecordBatchKeySelector"/>, or run at parallelism 1 without keys): the accumulators; the rows still in a
/// bounded frame (the last n rows for ROWS, the rows by time for RANGE); for event time the buffered rows by time and one
/// event-time timer per key and time. All keyed state: checkpointed (buffered rows and pending timers included) and
/// restorable at another parallelism. The optional time-to-live applies to the accumulators and frame rows, and a
/// processing-time cleanup timer per partition removes them once no row came for that long (so the rows of a bounded
/// RANGE frame, which otherwise stay until a later row of the key retracts them, do not outlive an idle key).</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) state and timers. Event time: results of the rows
/// released by a watermark are emitted before it is forwarded; the maximum watermark at end of input releases every
/// buffered row. Processing time: each batch's results are emitted at once.</para>
/// </remarks>
public sealed class OverAggregateOperator : StreamOperator, ITimerCallback<RowKey, VoidNamespace>
{
    private const string AccumulatorStateName = "over-agg-accumulators";
    private const string PendingStateName = "over-agg-pending-rows";
    private const string FrameRowsStateName = "over-agg-frame-rows";
    private const string FrameRangeStateName = "over-agg-frame-range";
    private const string LagRowsStateName = "over-agg-lag-rows";
    private const string CleanupStateName = "over-agg-cleanup-at";
    private const string TimerName = "over-agg-timers";
    private static readonly ITypeSerializer<List<RowData>> RowsSerializer = Serializers.ListOf(RowDataSerializer.Instance);

    private readonly Schema _inputSchema;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;
    private readonly int _timeColumn;
    private readonly OverFrame _frame;
    private readonly bool _processingTime;
    private readonly StateTtlConfig? _stateTtl;
    private readonly Aggregator _aggregator;
    private readonly int _inputWidth;
    private readonly OverLagCall[] _lags;
    private readonly int _lagDepth;
    private readonly KeyedRowGroups _arrivals;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<AccumulatorSet>? _accumulators;
    private EventTimeRowBuffer? _pendingRows;
    private IValueState<List<RowData>>? _frameRows;
    private IMapState<long, List<RowData>>? _frameRange;
    private IValueState<List<RowData>>? _lagRows;
    private IValueState<long>? _cleanupAt;
    private long _partitionsCleaned;
    private List<RowData>? _history;
    private TimerService<RowKey, VoidNamespace>? _timers;
    private RecordBatchBuilder? _output;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="partitionKeys">The PARTITION BY columns (may be empty).</param>
    /// <param name="timeColumn">The ORDER BY time attribute (TIMESTAMP or TIMESTAMP_LTZ, ascending); ignored (may be -1) for processing time.</param>
    /// <param name="frame">The frame.</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="processingTime">True when ordered by a processing-time attribute.</param>
    /// <param name="stateTtl">The time-to-live of the accumulators and frame rows, or null to keep them.</param>
    /// <param name="lagCalls">The <c>LAG</c> calls, or null for none.</param>
    /// <exception cref="ArgumentException">A column is out of range or of the wrong type, or a call does not fit its function.</exception>
    public OverAggregateOperator(Schema inputSchema, int[] partitionKeys, int timeColumn, OverFrame frame, IReadOnlyList<AggregateCall> calls,
        bool processingTime = false, StateTtlConfig? stateTtl = null, IReadOnlyList<OverLagCall>? lagCalls = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(calls);
        if (!processingTime)
        {
            Windows.WindowTime.RequireTimeColumn(inputSchema, timeColumn, nameof(timeColumn));
        }

        _inputSchema = inputSchema;
        _keyEncoder = new RowEncoder(inputSchema, partitionKeys);
        _rowEncoder = RowEncoder.AllColumns(inputSchema);
        _arrivals = new KeyedRowGroups(_keyEncoder, _rowEncoder);
        _timeColumn = timeColumn;
        _frame = frame;
        _processingTime = processingTime;
        _stateTtl = stateTtl;
        _aggregator = new Aggregator(inputSchema, calls);
        _inputWidth = inputSchema.Count;
        _lags = [.. lagCalls ?? []];
        foreach (var lag in _lags)
        {
            if ((uint)lag.Column >= (uint)inputSchema.Count || lag.DefaultColumn >= inputSchema.Count || lag.Offset < 0 || lag.IsLead)
            {
                throw new ArgumentException($"The LAG call {lag} does not fit {inputSchema}.", nameof(lagCalls));
            }
        }

        _lagDepth = _lags.Length == 0 ? 0 : _lags.Max(l => l.Offset);
        OutputSchema = OutputSchemas.Unique(
            [.. inputSchema.Fields, .. _aggregator.ResultFields, .. _lags.Select(l => new Field(l.Name, l.Type.Nullable()))], inputSchema.RowTimeIndex);
    }

    /// <summary>The output schema: the input columns (and row time), then one column per aggregate call.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The frame.</summary>
    public OverFrame Frame => _frame;

    /// <summary>
    /// The number of partitions whose state a cleanup timer removed after the time-to-live without rows (this instance,
    /// not checkpointed).
    /// </summary>
    public long PartitionsCleaned => _partitionsCleaned;

    /// <summary>The number of late rows (or rows without event time) dropped by this instance (not checkpointed).</summary>
    public long LateRowsDropped => _pendingRows?.LateRowsDropped ?? 0;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _accumulators = _backend.GetValueState(
            new ValueStateDescriptor<AccumulatorSet>(AccumulatorStateName, new AccumulatorSetSerializer(_aggregator)) { Ttl = _stateTtl });
        if (_frame.Preceding is not null)
        {
            if (_frame.IsRows)
            {
                _frameRows = _backend.GetValueState(new ValueStateDescriptor<List<RowData>>(FrameRowsStateName, RowsSerializer) { Ttl = _stateTtl });
            }
            else
            {
                _frameRange = _backend.GetMapState(
                    new MapStateDescriptor<long, List<RowData>>(FrameRangeStateName, Serializers.Int64, RowsSerializer) { Ttl = _stateTtl });
            }
        }

        if (_lagDepth > 0)
        {
            _lagRows = _backend.GetValueState(new ValueStateDescriptor<List<RowData>>(LagRowsStateName, RowsSerializer) { Ttl = _stateTtl });
        }

        if (_stateTtl is not null)
        {
            _cleanupAt = _backend.GetValueState(new ValueStateDescriptor<long>(CleanupStateName, Serializers.Int64));
        }

        if (!_processingTime || _stateTtl is not null)
        {
            _timers = context.GetTimerService(TimerName, VoidNamespace.Serializer, this);
        }

        if (!_processingTime)
        {
            _pendingRows = new EventTimeRowBuffer(_backend, PendingStateName, _timers!, _keyEncoder, _rowEncoder);
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(OverAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        if (_processingTime)
        {
            ProcessNow(records, backend, output);
            return;
        }

        _pendingRows!.Add(records, _timeColumn, Context.CurrentWatermark, EnsureInsert);
    }

    /// <summary>Emits the results of the rows this watermark released, then forwards it.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        Flush(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => Flush(output);

    /// <inheritdoc />
    public override void Finish(IOutput output) => Flush(output);

    /// <inheritdoc />
    public override void Close()
    {
        _output?.Dispose();
        _output = null;
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnEventTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        if (_pendingRows!.TryTake(timer.Timestamp, out var rows))
        {
            Process(timer.Timestamp, rows);
        }
    }

    /// <summary>
    /// The cleanup timer of a partition (<c>table.exec.state.ttl</c>, as Flink's idle state retention): when no row came
    /// for the time-to-live, its accumulators, frame rows and LAG rows are removed (rows still waiting for the watermark
    /// postpone it).
    /// </summary>
    void ITimerCallback<RowKey, VoidNamespace>.OnProcessingTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        if (_cleanupAt is not { } cleanupAt || !cleanupAt.TryGet(out var at) || at != timer.Timestamp)
        {
            return;
        }

        if (_pendingRows is { IsEmpty: false })
        {
            ScheduleCleanup();
            return;
        }

        _accumulators!.Clear();
        _frameRows?.Clear();
        _frameRange?.Clear();
        _lagRows?.Clear();
        cleanupAt.Clear();
        _partitionsCleaned++;
    }

    /// <summary>Moves the current partition's cleanup timer to the time-to-live from now.</summary>
    private void ScheduleCleanup()
    {
        var timers = _timers!;
        var cleanupAt = _cleanupAt!;
        if (cleanupAt.TryGet(out var previous))
        {
            timers.DeleteProcessingTimeTimer(VoidNamespace.Instance, previous);
        }

        var at = timers.CurrentProcessingTime + (long)_stateTtl!.Ttl.TotalMilliseconds;
        cleanupAt.Update(at);
        timers.RegisterProcessingTimeTimer(VoidNamespace.Instance, at);
    }

    private void ProcessNow(RecordBatch records, IKeyedStateBackend<RowKey> backend, IOutput output)
    {
        var now = Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        _arrivals.ForEachKey(records, backend, EnsureInsert, rows => Process(now, rows));
        Flush(output);
    }

    /// <summary>Processes the rows of the current key at <paramref name="timestamp"/>, in order, and buffers their output rows.</summary>
    private void Process(long timestamp, List<RowData> rows)
    {
        var accumulators = _accumulators!;
        var set = accumulators.Value() ?? _aggregator.CreateSet();
        _history = _lagRows is null ? null : _lagRows.Value() ?? [];
        if (_frame.IsRows)
        {
            if (_frame.Preceding is { } n)
            {
                ProcessBoundedRows(set, n, rows);
            }
            else
            {
                using var batch = Decode(rows);
                for (var i = 0; i < rows.Count; i++)
                {
                    _aggregator.Apply(set, batch, i, retract: false);
                    Emit(rows[i], _aggregator.Results(set));
                }
            }
        }
        else
        {
            if (_frame.Preceding is { } interval)
            {
                RetractRange(set, timestamp - interval);
                var frame = _frameRange!;
                if (frame.TryGet(timestamp, out var same))
                {
                    same.AddRange(rows);
                }
                else
                {
                    same = [.. rows];
                }

                frame.Put(timestamp, same);
            }

            using var batch = Decode(rows);
            for (var i = 0; i < rows.Count; i++)
            {
                _aggregator.Apply(set, batch, i, retract: false);
            }

            var results = _aggregator.Results(set);
            foreach (var row in rows)
            {
                Emit(row, results);
            }
        }

        accumulators.Update(set);
        if (_history is { } history)
        {
            _lagRows!.Update(history);
            _history = null;
        }

        if (_cleanupAt is not null)
        {
            ScheduleCleanup();
        }
    }

    /// <summary>
    /// ROWS n PRECEDING: the frame state holds the last n processed rows. Each new row is accumulated, emitted, appended to
    /// the frame, and the oldest frame row is retracted once the frame holds more than n rows.
    /// </summary>
    private void ProcessBoundedRows(AccumulatorSet set, long n, List<RowData> rows)
    {
        var frameState = _frameRows!;
        var frame = frameState.Value() ?? [];
        var previous = frame.Count;

        // The rows retracted in this call are the first `retracted` rows of frame ++ rows.
        var retracted = (int)Math.Max(0, previous + rows.Count - n);
        var retractedFromFrame = Math.Min(retracted, previous);
        using var batch = Decode(frame.Take(retractedFromFrame).Concat(rows));
        var next = 0;
        for (var k = 0; k < rows.Count; k++)
        {
            _aggregator.Apply(set, batch, retractedFromFrame + k, retract: false);
            Emit(rows[k], _aggregator.Results(set));
            if (previous + k + 1 - next > n)
            {
                var index = next < previous ? next : retractedFromFrame + (next - previous);
                _aggregator.Apply(set, batch, index, retract: true);
                next++;
            }
        }

        var remaining = new List<RowData>(frame.Count + rows.Count - next);
        for (var c = next; c < previous + rows.Count; c++)
        {
            remaining.Add(c < previous ? frame[c] : rows[c - previous]);
        }

        if (remaining.Count == 0)
        {
            frameState.Clear();
        }
        else
        {
            frameState.Update(remaining);
        }
    }

    /// <summary>RANGE interval PRECEDING: retracts and forgets the frame rows older than <paramref name="lowerBound"/>.</summary>
    private void RetractRange(AccumulatorSet set, long lowerBound)
    {
        var frame = _frameRange!;
        List<long>? expired = null;
        foreach (var time in frame.Keys())
        {
            if (time < lowerBound)
            {
                (expired ??= []).Add(time);
            }
        }

        if (expired is null)
        {
            return;
        }

        expired.Sort();
        var leaving = new List<RowData>();
        foreach (var time in expired)
        {
            if (frame.TryGet(time, out var rows))
            {
                leaving.AddRange(rows);
            }

            frame.Remove(time);
        }

        using var batch = Decode(leaving);
        for (var i = 0; i < leaving.Count; i++)
        {
            _aggregator.Apply(set, batch, i, retract: true);
        }
    }

    /// <summary>A batch (of the input schema) of <paramref name="rows"/>, in order, for the aggregator to read.</summary>
    private RecordBatch Decode(IEnumerable<RowData> rows)
    {
        using var builder = new RecordBatchBuilder(_inputSchema, 16);
        foreach (var row in rows)
        {
            _rowEncoder.AppendTo(row.Bytes, builder, 0);
        }

        return builder.Build();
    }

    private void Emit(RowData row, AggregateValue?[] results)
    {
        var builder = _output ??= new RecordBatchBuilder(OutputSchema, 64);
        _rowEncoder.AppendTo(row.Bytes, builder, 0);
        Aggregator.AppendResults(results, builder, _inputWidth);
        if (_lags.Length > 0)
        {
            AppendLags(builder, row, _inputWidth + results.Length);
        }
    }

    /// <summary>Appends the LAG values of <paramref name="row"/>, the next row of the current partition, and remembers it.</summary>
    private void AppendLags(RecordBatchBuilder builder, RowData row, int firstColumn)
    {
        var history = _history ?? [];
        object?[]? current = null;
        for (var j = 0; j < _lags.Length; j++)
        {
            var lag = _lags[j];
            object? value;
            if (lag.Offset == 0)
            {
                value = (current ??= _rowEncoder.Decode(row.Bytes))[lag.Column];
            }
            else if (history.Count >= lag.Offset)
            {
                value = _rowEncoder.Decode(history[history.Count - lag.Offset].Bytes)[lag.Column];
            }
            else
            {
                value = lag.DefaultColumn < 0 ? null : (current ??= _rowEncoder.Decode(row.Bytes))[lag.DefaultColumn];
            }

            builder.Append(firstColumn + j, value);
        }

        if (_lagDepth > 0)
        {
            history.Add(row);
            if (history.Count > _lagDepth)
            {
                history.RemoveAt(0);
            }
        }
    }

    private void Flush(IOutput output)
    {
        if (_output is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }

    private static void EnsureInsert(RecordBatch records, int row)
    {
        if (records.GetRowKind(row) != RowKind.Insert)
        {
            throw new InvalidOperationException(
                $"OVER aggregation takes an insert-only input, but received a {records.GetRowKind(row).ToShortString()} row.");
        }
    }
}
