using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Physical.Expressions;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.MatchRecognize;

/// <summary>
/// Flink SQL's <c>MATCH_RECOGNIZE</c> (<c>ONE ROW PER MATCH</c>): per partition key, rows in the order of the time
/// attribute are matched against the row pattern; each match gives one output row of the partition columns and the
/// measures. Insert-only in and out.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Event time: rows are buffered per key and time until the watermark passes their time, then processed
/// in time order (rows of one time by the further ORDER BY keys, else in arrival order); a row at or below the watermark
/// (or without time) is late, dropped and counted in <see cref="LateRowsDropped"/>, as Flink does. Processing time: rows
/// are processed as they arrive, at the current processing time.</para>
/// <para><b>Matching</b> (<see cref="MatchProgram"/>). Every row may start a match (unless an <c>AFTER MATCH SKIP</c> skipped
/// it); each partial match keeps the variable of each of its rows. A row extends a partial match when it meets the condition
/// of the variable the partial match waits for, evaluated with the row mapped to that variable (navigations and aggregates
/// see the match's rows so far and the row). Of the matches starting at the earliest row, the most preferred one (SQL:2016:
/// greedy quantifiers prefer more rows, reluctant fewer, earlier alternatives first) is emitted as soon as no more preferred
/// partial match of that row is alive; then the search goes on where the skip strategy says, and partial matches that start
/// before it are dropped. With <c>WITHIN</c>, a partial match whose first row is older than the interval at a new row's time
/// (or when the time passes, by a timer) is dropped. The end of a bounded input does not end the partial matches (as in
/// Flink, whose greedy quantifiers keep taking rows): a completed match that a more preferred partial match still holds
/// back is not emitted.</para>
/// <para><b>State.</b> Per partition key, in keyed state (checkpointed, restorable at another parallelism): a
/// <see cref="MatchPartitionState"/> (the rows partial matches refer to, the partial matches, the next sequence number and
/// skip position) and, for event time, the rows waiting for the watermark by time with one event-time timer per key and
/// time. Rows no partial match can refer to any more are removed after each step.</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> compiles the conditions and measures and declares (restores) state and timers;
/// matches found when a watermark releases rows are emitted before the watermark is forwarded.</para>
/// </remarks>
internal sealed partial class MatchRecognizeOperator : StreamOperator, ITimerCallback<RowKey, VoidNamespace>
{
    private const string PartitionStateName = "match-partition";
    private const string PendingStateName = "match-pending-rows";
    private const string TimerName = "match-timers";

    private readonly MatchRecognizeSpec _spec;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;
    private readonly MatchSlotEvaluator _slots;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<MatchPartitionState>? _partition;
    private readonly KeyedRowGroups _arrivals;
    private EventTimeRowBuffer? _pendingRows;
    private TimerService<RowKey, VoidNamespace>? _timers;
    private RecordBatchBuilder? _output;
    private long _bufferedRows;

    /// <summary>Creates the operator; the conditions and measures are compiled once here to fail when planning.</summary>
    public MatchRecognizeOperator(MatchRecognizeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.ProcessingTime)
        {
            Windows.WindowTime.RequireTimeColumn(spec.InputSchema, spec.TimeColumn, nameof(spec));
        }

        _spec = spec;
        _keyEncoder = new RowEncoder(spec.InputSchema, spec.PartitionKeys);
        _rowEncoder = RowEncoder.AllColumns(spec.InputSchema);
        _arrivals = new KeyedRowGroups(_keyEncoder, _rowEncoder);
        _slots = new MatchSlotEvaluator(spec, _rowEncoder);
        _slots.Compile(ExpressionEnvironment.Default with { CurrentWatermark = static () => long.MinValue });
    }

    /// <summary>The output schema: the partition columns, then the measures.</summary>
    public Core.Schemas.Schema OutputSchema => _spec.OutputSchema;

    /// <summary>The number of late rows (or rows without time) dropped by this instance (not checkpointed).</summary>
    public long LateRowsDropped => _pendingRows?.LateRowsDropped ?? 0;

    /// <summary>
    /// The rows this instance keeps for partial matches, over all keys (counted since it opened, so without restored rows;
    /// not checkpointed). Rows waiting for the watermark are not counted.
    /// </summary>
    public long BufferedRows => _bufferedRows;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _slots.Compile(new ExpressionEnvironment(_spec.TimeZone ?? TimeZoneInfo.Utc, context.TimeProvider) { CurrentWatermark = () => context.CurrentWatermark });
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _partition = _backend.GetValueState(new ValueStateDescriptor<MatchPartitionState>(PartitionStateName, MatchPartitionStateSerializer.Instance));
        _timers = context.GetTimerService(TimerName, VoidNamespace.Serializer, this);
        if (!_spec.ProcessingTime)
        {
            _pendingRows = new EventTimeRowBuffer(_backend, PendingStateName, _timers, _keyEncoder, _rowEncoder);
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(MatchRecognizeOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        if (_spec.ProcessingTime)
        {
            ProcessNow(records, backend, output);
            return;
        }

        _pendingRows!.Add(records, _spec.TimeColumn, Context.CurrentWatermark, EnsureInsert);
    }

    /// <summary>Emits the matches the rows this watermark released completed, then forwards it.</summary>
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
        _slots.Close();
        _output?.Dispose();
        _output = null;
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnEventTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        List<RowData> rows = [];
        if (_pendingRows is { } pending && pending.TryTake(timer.Timestamp, out var waiting))
        {
            rows = SortSameTime(waiting);
        }

        Process(timer.Timestamp, rows);
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnProcessingTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output) =>
        Process(timer.Timestamp, []);

    private void ProcessNow(RecordBatch records, IKeyedStateBackend<RowKey> backend, IOutput output)
    {
        var now = Context.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        _arrivals.ForEachKey(records, backend, EnsureInsert, rows => Process(now, rows));
        Flush(output);
    }

    /// <summary>Rows of one time in the order of the further ORDER BY keys (stable: else in arrival order).</summary>
    private List<RowData> SortSameTime(List<RowData> rows)
    {
        if (_spec.SecondaryOrder.Count == 0 || rows.Count < 2)
        {
            return rows;
        }

        var decoded = rows.Select(r => (Row: r, Values: _rowEncoder.Decode(r.Bytes))).ToList();
        var sorted = decoded.Select((r, i) => (r, i)).ToList();
        sorted.Sort((a, b) =>
        {
            foreach (var key in _spec.SecondaryOrder)
            {
                var column = ((Binding.BoundInputRef)key.Expression).Index;
                var c = CompareValues(a.r.Values[column], b.r.Values[column], key.NullsFirst);
                if (c != 0)
                {
                    return key.Descending ? -c : c;
                }
            }

            return a.i.CompareTo(b.i);
        });
        return sorted.Select(s => s.r.Row).ToList();
    }

    private static int CompareValues(object? a, object? b, bool nullsFirst)
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : (a is null) == nullsFirst ? -1 : 1;
        }

        return a is byte[] x && b is byte[] y ? x.AsSpan().SequenceCompareTo(y) : Comparer<object>.Default.Compare(a, b);
    }

    /// <summary>Processes the rows of the current key at <paramref name="time"/> in order (none: only the passing of time).</summary>
    private void Process(long time, List<RowData> rows)
    {
        var partition = _partition!;
        var state = partition.Value() ?? new MatchPartitionState();
        _bufferedRows -= state.Rows.Count;
        var run = new MatchRun(state, _rowEncoder);
        if (rows.Count == 0)
        {
            PruneByTime(run, time);
            Resolve(run);
        }

        foreach (var row in rows)
        {
            var sequence = state.NextSequence++;
            state.Rows.Add(new MatchBufferedRow(sequence, time, row));
            Step(run, sequence, time);
        }

        // Rows before the first row of every partial match can never be referred to again.
        var keepFrom = state.Threads.Count == 0 ? state.NextSequence : state.Threads.Min(t => t.Start);
        var drop = 0;
        while (drop < state.Rows.Count && state.Rows[drop].Sequence < keepFrom)
        {
            drop++;
        }

        state.Rows.RemoveRange(0, drop);
        _bufferedRows += state.Rows.Count;
        if (state.Threads.Count == 0)
        {
            // Nothing refers to a row any more: sequence numbers may start again, and the key holds no state.
            partition.Clear();
            return;
        }

        partition.Update(state);
        if (_spec.WithinMillis is { } within && state.Threads.Any(t => !t.Complete))
        {
            var expires = state.Threads.Where(t => !t.Complete).Min(t => state.Row(t.Start).Time) + within + 1;
            if (_spec.ProcessingTime)
            {
                _timers!.RegisterProcessingTimeTimer(VoidNamespace.Instance, expires);
            }
            else
            {
                _timers!.RegisterEventTimeTimer(VoidNamespace.Instance, expires);
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
            throw new SluiceException(
                $"MATCH_RECOGNIZE takes an insert-only input, but received a {records.GetRowKind(row).ToShortString()} row.", ErrorDomain.User);
        }
    }
}
