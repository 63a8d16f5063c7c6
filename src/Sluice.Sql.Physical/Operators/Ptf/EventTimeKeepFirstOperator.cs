using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.Ptf;

/// <summary>
/// Flink 2's <c>DEDUPLICATE_KEEP_FIRST</c> with <c>on_time</c>: per key (<see cref="RowKey"/> of the PARTITION BY
/// columns) the row with the smallest event time is emitted as +I once the watermark reaches its time; later rows of the
/// key are dropped while the key's state lives. The output is insert-only: the keys, the other input columns, then the
/// event time again as the output's row-time column.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> A row whose time is NULL or not after the current watermark is late: dropped and counted in
/// <see cref="LateRowsDropped"/>. Otherwise it becomes the key's candidate when the key has none or its time is smaller
/// than the candidate's (equal times keep the earlier arrival). When the watermark reaches the candidate's time the
/// candidate is emitted and the key is marked done; rows of a done key are dropped.</para>
/// <para><b>Input.</b> Insert-only (+I; another kind throws <see cref="InvalidOperationException"/>; the planner rejects
/// updating inputs), hash-partitioned by the key columns with <see cref="RecordBatchKeySelector"/>, or at parallelism 1
/// without keys.</para>
/// <para><b>State and timers.</b> Per key: the candidate (its time and output row) and the done flag, with the optional
/// processing-time time-to-live (once the done flag expires, the key starts a new period); one event-time timer per key at
/// its candidate's time. Keyed state and timers are checkpointed and restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods, the timer callback included, run on the owning task's thread.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) state and timers → batches update candidates →
/// watermarks fire timers; their rows are emitted in one batch before the watermark is forwarded.</para>
/// </remarks>
public sealed class EventTimeKeepFirstOperator : StreamOperator, ITimerCallback<RowKey, VoidNamespace>
{
    private const string CandidateStateName = "keep-first-candidate";
    private const string DoneStateName = "keep-first-done";
    private const string TimerName = "keep-first-timers";
    private static readonly ITypeSerializer<(long, RowData)> CandidateSerializer = Serializers.Tuple(Serializers.Int64, RowDataSerializer.Instance);

    private readonly Schema _outputSchema;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _outputEncoder;
    private readonly int _timeColumn;
    private readonly StateTtlConfig? _stateTtl;
    private readonly bool _resetTtlOnDuplicate;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<(long Time, RowData Row)>? _candidate;
    private IValueState<bool>? _done;
    private TimerService<RowKey, VoidNamespace>? _timers;
    private RecordBatchBuilder? _pending;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="keyColumns">The PARTITION BY columns (empty: one group).</param>
    /// <param name="timeColumn">The event-time column (a TIMESTAMP or TIMESTAMP_LTZ column).</param>
    /// <param name="outputColumns">The input column of each output column (the last one the time column).</param>
    /// <param name="outputSchema">The schema of the output rows.</param>
    /// <param name="stateTtl">The time-to-live of a key's state, or null to keep it forever.</param>
    /// <param name="resetTtlOnDuplicate">Whether a dropped row refreshes the key's time-to-live.</param>
    public EventTimeKeepFirstOperator(Schema inputSchema, int[] keyColumns, int timeColumn, int[] outputColumns, Schema outputSchema,
        StateTtlConfig? stateTtl, bool resetTtlOnDuplicate)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(outputColumns);
        ArgumentNullException.ThrowIfNull(outputSchema);
        if ((uint)timeColumn >= (uint)inputSchema.Count || inputSchema[timeColumn].DataType.PhysicalType != Core.Types.PhysicalType.Int64)
        {
            throw new ArgumentException($"The time column {timeColumn} must be a timestamp column of {inputSchema}.", nameof(timeColumn));
        }

        if (outputColumns.Length != outputSchema.Count || outputColumns.Any(c => (uint)c >= (uint)inputSchema.Count))
        {
            throw new ArgumentException($"The output columns do not fit {inputSchema} and {outputSchema}.", nameof(outputColumns));
        }

        _outputSchema = outputSchema;
        _keyEncoder = new RowEncoder(inputSchema, keyColumns);
        _outputEncoder = new RowEncoder(inputSchema, outputColumns);
        _timeColumn = timeColumn;
        _stateTtl = stateTtl;
        _resetTtlOnDuplicate = resetTtlOnDuplicate;
    }

    /// <summary>Rows dropped because their time was NULL or not after the watermark when they came (this instance, not checkpointed).</summary>
    public long LateRowsDropped { get; private set; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _candidate = _backend.GetValueState(new ValueStateDescriptor<(long Time, RowData Row)>(CandidateStateName, CandidateSerializer));
        _done = _backend.GetValueState(new ValueStateDescriptor<bool>(DoneStateName, Serializers.Boolean) { Ttl = _stateTtl });
        _timers = context.GetTimerService(TimerName, VoidNamespace.Serializer, this);
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(EventTimeKeepFirstOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var watermark = Context.CurrentWatermark;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            if (records.GetRowKind(row) != RowKind.Insert)
            {
                throw new InvalidOperationException(
                    $"DEDUPLICATE_KEEP_FIRST with on_time takes an insert-only input, but received a {records.GetRowKind(row).ToShortString()} row.");
            }

            if (times.IsNull(row) || Windows.WindowTime.Millis(times, row) <= watermark)
            {
                LateRowsDropped++;
                continue;
            }

            var time = Windows.WindowTime.Millis(times, row);
            backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            if (_done!.TryGet(out _))
            {
                if (_resetTtlOnDuplicate && _stateTtl is not null)
                {
                    _done.Update(true);
                }

                continue;
            }

            if (_candidate!.TryGet(out var candidate))
            {
                if (time >= candidate.Time)
                {
                    continue;
                }

                _timers!.DeleteEventTimeTimer(VoidNamespace.Instance, candidate.Time);
            }

            _candidate.Update((time, _outputEncoder.RowOf(records, row)));
            _timers!.RegisterEventTimeTimer(VoidNamespace.Instance, time);
        }
    }

    /// <summary>Emits the candidates this watermark made final, then forwards it.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
    }

    /// <inheritdoc />
    public override void Finish(IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Flush(output);
    }

    /// <inheritdoc />
    public override void Close()
    {
        _pending?.Dispose();
        _pending = null;
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnEventTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
        if (!_candidate!.TryGet(out var candidate) || candidate.Time > timer.Timestamp)
        {
            return;
        }

        var builder = _pending ??= new RecordBatchBuilder(_outputSchema, 256);
        _outputEncoder.AppendTo(candidate.Row.Bytes, builder, 0);
        builder.AppendRowKind(RowKind.Insert);
        _candidate.Clear();
        _done!.Update(true);
        if (builder.RowCount >= 1024)
        {
            Flush(output);
        }
    }

    void ITimerCallback<RowKey, VoidNamespace>.OnProcessingTime(TimerEntry<RowKey, VoidNamespace> timer, IOutput output)
    {
    }

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
