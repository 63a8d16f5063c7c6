using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Flink SQL's event-time temporal join, <c>o JOIN r FOR SYSTEM_TIME AS OF o.t ON o.k = r.k</c> (INNER or LEFT):
/// every row of the insert-only left input (input 0) joins with the version of the right row with its key that was
/// valid at the left row's time. The right input (input 1) is a versioned table: a changelog keyed by its primary
/// key (the join key) whose row time is the version time. Output: the left columns, then the right columns
/// (nullable for a LEFT join; a name repeated from the left gets a numeric suffix, <c>k</c> → <c>k0</c>),
/// insert-only, with the left time column as row time.
/// </summary>
/// <remarks>
/// <para><b>Versions.</b> A +I or +U right row is the version of its key from its version time on (a later row
/// with the same key and version time replaces it); a -D row deletes the key from its version time on; -U rows
/// (before-images of updates) are ignored, since the +U that follows carries the new version. Versions may arrive
/// in any order. The version valid at time <c>t</c> is the one with the greatest version time ≤ <c>t</c>; when
/// there is none, or it is a deletion, the left row has no match.</para>
/// <para><b>Emission.</b> A left row is buffered until the watermark (the minimum of both inputs' watermarks)
/// reaches its time, then looked up and emitted: +I(left, version) when matched, +I(left, nulls) in a LEFT join
/// when not (or when the version fails the further condition, if any), nothing in an INNER join. Rows released by one watermark are emitted in time order (ties: by key
/// group, then arrival), before the watermark is forwarded. A left row whose time is at or below the watermark when
/// it arrives is late (counted in <see cref="LateRows"/>): as Flink does, it is not dropped but joined at once with the
/// versions of its key still stored — best-effort, since the version it needs may be cleaned up already (then it has
/// no match: padded in a LEFT join) — and, being behind the watermark, it may be late downstream. A left row with a null key or time
/// never matches: a LEFT join emits it padded at once. Right rows with a null key or version time are ignored.</para>
/// <para><b>State.</b> Per join key (<see cref="RowKey"/>; the left input hash-partitioned by its key columns and the
/// right by its primary key, in the same order, with <see cref="RecordBatchKeySelector"/>): the buffered left rows
/// (time → rows), the versions (version time → row and deletion flag) and one event-time timer per buffered time
/// and version time. When a timer at <c>T</c> fires, the left rows up to <c>T</c> are emitted and every version
/// older than the latest one at or before <c>T</c> is removed (that one too when it is a deletion), since later
/// left rows can no longer see them. Restorable, also at another parallelism.</para>
/// <para><b>Not supported.</b> Processing-time temporal joins (lookup joins); nested columns; a residual non-equi
/// condition (apply it in a later filter of an INNER join only).</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend, declares (restores) the states and the timer
/// service; input batches only update state (and emit padded null-key rows); watermarks emit; the maximum
/// watermark at end of input emits every buffered left row.</para>
/// </remarks>
public sealed class TemporalJoinOperator : StreamOperator, ITwoInputOperator, ITimerCallback<RowKey, long>
{
    private static readonly ITypeSerializer<List<RowData>> LeftRowsSerializer = Serializers.ListOf(RowDataSerializer.Instance);
    private static readonly ITypeSerializer<(RowData Row, bool Deleted)> VersionSerializer =
        Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean);

    private readonly JoinKind _kind;
    private readonly int _leftTimeColumn;
    private readonly int _rightTimeColumn;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder[] _rowEncoders;
    private readonly int _leftWidth;
    private readonly List<(long Time, List<RowData> Rows)> _dueLeft = [];
    private readonly List<(long Time, RowData Row, bool Deleted)> _versions = [];
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo? _timeZone;
    private readonly int[] _selected = new int[1];
    private CompiledPredicate? _predicate;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<long, List<RowData>>? _leftState;
    private IMapState<long, (RowData Row, bool Deleted)>? _versionState;
    private TimerService<RowKey, long>? _timers;
    private RecordBatchBuilder? _pending;
    private long _lateRows;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (the probe side, insert-only).</param>
    /// <param name="rightSchema">The schema of input 1 (the versioned table's changelog).</param>
    /// <param name="leftKeys">The left equi-join columns.</param>
    /// <param name="rightKeys">The right equi-join columns: the versioned table's primary key, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="kind"><see cref="JoinKind.Inner"/> or <see cref="JoinKind.Left"/>.</param>
    /// <param name="leftTimeColumn">The left time attribute (the <c>AS OF</c> time; TIMESTAMP or TIMESTAMP_LTZ).</param>
    /// <param name="rightTimeColumn">The right time attribute (the version time).</param>
    /// <param name="condition">
    /// A further condition over the joined row (left columns, then right columns) the version must meet to match (a
    /// LEFT join pads the left row otherwise), or null.
    /// </param>
    /// <param name="sessionTimeZone">The session time zone the condition is evaluated in; null for UTC.</param>
    /// <exception cref="ArgumentException">The kind is RIGHT or FULL, the keys differ in number or physical types, a
    /// time column is not a timestamp, or the condition does not compile.</exception>
    public TemporalJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, JoinKind kind,
        int leftTimeColumn, int rightTimeColumn, BoundExpression? condition = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        if (kind is not (JoinKind.Inner or JoinKind.Left))
        {
            throw new ArgumentException($"A temporal join is INNER or LEFT, not {kind}.", nameof(kind));
        }

        JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: false);
        JoinSupport.ValidateTimeColumn(leftSchema, leftTimeColumn, nameof(leftTimeColumn));
        JoinSupport.ValidateTimeColumn(rightSchema, rightTimeColumn, nameof(rightTimeColumn));
        _kind = kind;
        _leftTimeColumn = leftTimeColumn;
        _rightTimeColumn = rightTimeColumn;
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _leftWidth = leftSchema.Count;
        OutputSchema = new Schema(
            JoinSupport.UniqueNames(JoinSupport.Fields(leftSchema, false).Concat(JoinSupport.Fields(rightSchema, kind == JoinKind.Left))), leftTimeColumn);
        _condition = condition;
        _timeZone = sessionTimeZone;
        if (condition is not null)
        {
            // Compiled here to fail while planning; compiled again with the task's clock when opened.
            ExpressionCompiler.CompilePredicate(condition, OutputSchema);
        }
    }

    /// <summary>The output schema: left columns, then right columns; the row time is the left time column.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The join kind (INNER or LEFT).</summary>
    public JoinKind Kind => _kind;

    /// <summary>The number of late left rows (joined best-effort at once) since this instance was created; not checkpointed.</summary>
    public long LateRows => _lateRows;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _leftState = _backend.GetMapState(new MapStateDescriptor<long, List<RowData>>("temporal-join-left", Serializers.Int64, LeftRowsSerializer));
        _versionState = _backend.GetMapState(new MapStateDescriptor<long, (RowData Row, bool Deleted)>("temporal-join-versions", Serializers.Int64, VersionSerializer));
        _timers = context.GetTimerService("temporal-join", Serializers.Int64, this);
        _predicate = _condition is null
            ? null
            : ExpressionCompiler.CompilePredicate(_condition, OutputSchema, new ExpressionEnvironment(_timeZone ?? TimeZoneInfo.Utc, context.TimeProvider));
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(TemporalJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(TemporalJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        if (_backend is null)
        {
            throw new InvalidOperationException("The operator is not open.");
        }

        if (input == 0)
        {
            ProcessLeft(records, output);
        }
        else
        {
            ProcessRight(records);
        }
    }

    /// <summary>Emits the left rows the watermark released, then forwards the watermark.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        FlushPending(output);
        output.EmitWatermark(watermark);
    }

    /// <inheritdoc />
    public override void PrepareSnapshotPreBarrier(long checkpointId, IOutput output) => FlushPending(output);

    /// <inheritdoc />
    public override void Finish(IOutput output) => FlushPending(output);

    /// <inheritdoc />
    public override void Close()
    {
        _predicate?.Expression.CloseFunctions();
        _pending?.Dispose();
        _pending = null;
    }

    void ITimerCallback<RowKey, long>.OnEventTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        var leftState = _leftState!;
        var versionState = _versionState!;
        var until = timer.Timestamp;
        _dueLeft.Clear();
        foreach (var (time, rows) in leftState.Entries())
        {
            if (time <= until)
            {
                _dueLeft.Add((time, rows));
            }
        }

        _versions.Clear();
        foreach (var (time, (row, deleted)) in versionState.Entries())
        {
            _versions.Add((time, row, deleted));
        }

        _versions.Sort((a, b) => a.Time.CompareTo(b.Time));
        if (_dueLeft.Count > 0)
        {
            _dueLeft.Sort((a, b) => a.Time.CompareTo(b.Time));
            var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 64);
            foreach (var (time, rows) in _dueLeft)
            {
                leftState.Remove(time);
                var version = LatestAtOrBefore(time);
                foreach (var row in rows)
                {
                    if (version >= 0 && !_versions[version].Deleted && Matches(row, _versions[version].Row))
                    {
                        _rowEncoders[0].AppendTo(row.Bytes, builder, 0);
                        _rowEncoders[1].AppendTo(_versions[version].Row.Bytes, builder, _leftWidth);
                        builder.AppendRowKind(RowKind.Insert);
                    }
                    else if (_kind == JoinKind.Left)
                    {
                        EmitPadded(builder, row);
                    }
                }
            }
        }

        // Left rows still buffered (and future ones) are later than the timer: they need at most the latest version
        // at or before it, and none of the older ones.
        var keep = LatestAtOrBefore(until);
        if (keep >= 0)
        {
            for (var i = 0; i < keep; i++)
            {
                versionState.Remove(_versions[i].Time);
            }

            if (_versions[keep].Deleted)
            {
                versionState.Remove(_versions[keep].Time);
            }
        }

        _dueLeft.Clear();
        _versions.Clear();
    }

    void ITimerCallback<RowKey, long>.OnProcessingTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        // An event-time temporal join registers no processing-time timers.
    }

    /// <summary>True when there is no further condition, or it holds for the left row and the version.</summary>
    private bool Matches(RowData left, RowData right)
    {
        if (_predicate is null)
        {
            return true;
        }

        using var pair = new RecordBatchBuilder(OutputSchema, 1);
        _rowEncoders[0].AppendTo(left.Bytes, pair, 0);
        _rowEncoders[1].AppendTo(right.Bytes, pair, _leftWidth);
        using var batch = pair.Build();
        return _predicate.Filter(batch, _selected) == 1;
    }

    private void ProcessLeft(RecordBatch records, IOutput output)
    {
        var backend = _backend!;
        var leftState = _leftState!;
        var timers = _timers!;
        var watermark = Context.CurrentWatermark;
        using var builder = new RecordBatchBuilder(OutputSchema, 16);
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var kind = records.GetRowKind(physical);
            if (kind != RowKind.Insert)
            {
                throw new InvalidOperationException(
                    $"The probe side of a temporal join must be insert-only, but it received a {kind.ToShortString()} row.");
            }

            if (!JoinSupport.TryReadMillis(records, _leftTimeColumn, physical, out var time) || _keyEncoders[0].AnyNull(records, physical))
            {
                if (_kind == JoinKind.Left)
                {
                    EmitPadded(builder, _rowEncoders[0].RowOf(records, physical));
                }

                continue;
            }

            backend.SetCurrentKey(_keyEncoders[0].KeyOf(records, physical));
            if (time <= watermark)
            {
                _lateRows++;
                JoinLate(builder, _rowEncoders[0].RowOf(records, physical), time);
                continue;
            }

            if (!leftState.TryGet(time, out var rows))
            {
                rows = [];
            }

            rows.Add(_rowEncoders[0].RowOf(records, physical));
            leftState.Put(time, rows);
            timers.RegisterEventTimeTimer(0, time);
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void ProcessRight(RecordBatch records)
    {
        var backend = _backend!;
        var versionState = _versionState!;
        var timers = _timers!;
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var kind = records.GetRowKind(physical);
            if (kind == RowKind.UpdateBefore
                || _keyEncoders[1].AnyNull(records, physical)
                || !JoinSupport.TryReadMillis(records, _rightTimeColumn, physical, out var time))
            {
                continue;
            }

            backend.SetCurrentKey(_keyEncoders[1].KeyOf(records, physical));
            versionState.Put(time, (_rowEncoders[1].RowOf(records, physical), kind == RowKind.Delete));

            // Cleans up older versions once the watermark passes this one, even if no left row arrives for the key.
            timers.RegisterEventTimeTimer(0, time);
        }
    }

    /// <summary>
    /// Joins a late left row at once with the versions of its key still stored, as Flink joins it at its next watermark:
    /// the version it needs may be cleaned up already (then it finds none), so the answer is best-effort.
    /// </summary>
    private void JoinLate(RecordBatchBuilder builder, RowData row, long time)
    {
        _versions.Clear();
        foreach (var (versionTime, (version, deleted)) in _versionState!.Entries())
        {
            _versions.Add((versionTime, version, deleted));
        }

        _versions.Sort((a, b) => a.Time.CompareTo(b.Time));
        var found = LatestAtOrBefore(time);
        if (found >= 0 && !_versions[found].Deleted && Matches(row, _versions[found].Row))
        {
            _rowEncoders[0].AppendTo(row.Bytes, builder, 0);
            _rowEncoders[1].AppendTo(_versions[found].Row.Bytes, builder, _leftWidth);
            builder.AppendRowKind(RowKind.Insert);
        }
        else if (_kind == JoinKind.Left)
        {
            EmitPadded(builder, row);
        }

        _versions.Clear();
    }

    /// <summary>The index in the sorted <see cref="_versions"/> of the latest version at or before <paramref name="time"/>, or -1.</summary>
    private int LatestAtOrBefore(long time)
    {
        var found = -1;
        for (var i = 0; i < _versions.Count && _versions[i].Time <= time; i++)
        {
            found = i;
        }

        return found;
    }

    private void EmitPadded(RecordBatchBuilder builder, RowData left)
    {
        _rowEncoders[0].AppendTo(left.Bytes, builder, 0);
        _rowEncoders[1].AppendNulls(builder, _leftWidth);
        builder.AppendRowKind(RowKind.Insert);
    }

    private void FlushPending(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
