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
/// right by its primary key, in the same order, with <see cref="RecordBatchKeySelector"/>): the buffered left rows and
/// the versions, each encoded back to back in time order (<see cref="TimeOrderedRows"/> in a value state,
/// <see cref="TimeOrderedRowsState"/>; blocks of pooled pages, no object per row; a deletion is a version without row bytes),
/// and one event-time timer per buffered time and version time. When a timer at <c>T</c> fires, the left rows up to
/// <c>T</c> (a prefix) are emitted and every version older than the latest one at or before <c>T</c> is removed (that
/// one too when it is a deletion), since later left rows can no longer see them. Restorable, also at another
/// parallelism; snapshots of the earlier form (map states time → rows and time → version) restore into this one.</para>
/// <para><b>Not supported.</b> Processing-time temporal joins (lookup joins); nested columns; a residual non-equi
/// condition (apply it in a later filter of an INNER join only).</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend, declares (restores) the states and the timer
/// service; input batches only update state (and emit padded null-key rows); watermarks emit; the maximum
/// watermark at end of input emits every buffered left row.</para>
/// </remarks>
public sealed class TemporalJoinOperator : StreamOperator, ITwoInputOperator, ITimerCallback<RowKey, long>
{
    private static readonly ITypeSerializer<List<RowData>> LegacyLeftRowsSerializer = Serializers.ListOf(RowDataSerializer.Instance);
    private static readonly ITypeSerializer<(RowData Row, bool Deleted)> LegacyVersionSerializer =
        Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean);

    private readonly JoinKind _kind;
    private readonly int _leftTimeColumn;
    private readonly int _rightTimeColumn;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowKeyCache[] _keys;
    private readonly RowEncoder[] _rowEncoders;
    private readonly int _leftWidth;
    private readonly TimeOrderedRowsState _leftState = new("temporal-join-left-v2", matches: false);
    private readonly TimeOrderedRowsState _versionState = new("temporal-join-versions-v2", matches: false);
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo? _timeZone;
    private readonly int[] _selected = new int[1];
    private CompiledPredicate? _predicate;
    private IKeyedStateBackend<RowKey>? _backend;
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
        _keys = [new RowKeyCache(_keyEncoders[0]), new RowKeyCache(_keyEncoders[1])];
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
        _leftState.Open(_backend);
        _versionState.Open(_backend);
        MoveLegacyState(_backend);
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
        var until = timer.Timestamp;
        var leftLayout = _leftState.Layout;
        var layout = _versionState.Layout;
        var versions = _versionState.Load();
        var vBuffer = versions.Rows.Buffer;
        var vEnd = versions.Rows.End;

        // Both are in time order: the due left rows are a prefix, and the version of each is found by walking the versions
        // along with them.
        var left = _leftState.Load();
        var buffer = left.Rows.Buffer;
        var end = left.Rows.End;
        var entry = left.Rows.Offset;
        var due = 0;
        var version = -1;
        var next = versions.Rows.Offset;
        while (entry < end && leftLayout.Timestamp(buffer!, entry) <= until)
        {
            var time = leftLayout.Timestamp(buffer!, entry);
            while (next < vEnd && layout.Timestamp(vBuffer!, next) <= time)
            {
                version = next;
                next = layout.Next(vBuffer!, next);
            }

            Emit(_pending ??= new RecordBatchBuilder(OutputSchema, 64), leftLayout.Row(buffer!, entry), vBuffer, version);
            entry = leftLayout.Next(buffer!, entry);
            due++;
        }

        if (due > 0)
        {
            _leftState.Store(left with { Rows = leftLayout.RemovePrefix(left.Rows, entry, due) });
        }

        // Left rows still buffered (and future ones) are later than the timer: they need at most the latest version at or
        // before it, and none of the older ones.
        var keep = -1;
        var kept = 0;
        for (var v = versions.Rows.Offset; v < vEnd && layout.Timestamp(vBuffer!, v) <= until; v = layout.Next(vBuffer!, v))
        {
            keep = v;
            kept++;
        }

        if (keep >= 0)
        {
            var (until2, removed) = JoinRowsLayout.RowLength(vBuffer!, keep) == 0
                ? (layout.Next(vBuffer!, keep), kept)
                : (keep, kept - 1);
            if (removed > 0)
            {
                _versionState.Store(versions with { Rows = layout.RemovePrefix(versions.Rows, until2, removed) });
            }
        }
    }

    void ITimerCallback<RowKey, long>.OnProcessingTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        // An event-time temporal join registers no processing-time timers.
    }

    /// <summary>
    /// Emits <paramref name="left"/> joined with the version at <paramref name="version"/> (an entry of
    /// <paramref name="versions"/>, or -1 for none) when it is a row that meets the condition; else padded in a LEFT join.
    /// </summary>
    private void Emit(RecordBatchBuilder builder, ReadOnlySpan<byte> left, byte[]? versions, int version)
    {
        if (version >= 0 && JoinRowsLayout.RowLength(versions!, version) > 0)
        {
            var right = _versionState.Layout.Row(versions!, version);
            if (Matches(left, right))
            {
                _rowEncoders[0].AppendTo(left, builder, 0);
                _rowEncoders[1].AppendTo(right, builder, _leftWidth);
                builder.AppendRowKind(RowKind.Insert);
                return;
            }
        }

        if (_kind == JoinKind.Left)
        {
            EmitPadded(builder, left);
        }
    }

    /// <summary>True when there is no further condition, or it holds for the left row and the version.</summary>
    private bool Matches(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (_predicate is null)
        {
            return true;
        }

        using var pair = new RecordBatchBuilder(OutputSchema, 1);
        _rowEncoders[0].AppendTo(left, pair, 0);
        _rowEncoders[1].AppendTo(right, pair, _leftWidth);
        using var batch = pair.Build();
        return _predicate.Filter(batch, _selected) == 1;
    }

    private void ProcessLeft(RecordBatch records, IOutput output)
    {
        var backend = _backend!;
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
                    EmitPadded(builder, _rowEncoders[0].EncodeToScratch(records, physical));
                }

                continue;
            }

            backend.SetCurrentKey(_keys[0].KeyOf(records, physical));
            var row = _rowEncoders[0].EncodeToScratch(records, physical);
            if (time <= watermark)
            {
                _lateRows++;
                JoinLate(builder, row, time);
                continue;
            }

            _leftState.Store(_leftState.Insert(_leftState.Load(), row, 0, time));
            timers.RegisterEventTimeTimer(0, time);
        }

        _leftState.CompactIfWasteful();
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void ProcessRight(RecordBatch records)
    {
        var backend = _backend!;
        var timers = _timers!;
        var state = _versionState;
        var layout = state.Layout;
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

            backend.SetCurrentKey(_keys[1].KeyOf(records, physical));

            // A deletion is kept as a version without row bytes (an encoded row has at least one byte per column).
            var row = kind == RowKind.Delete ? [] : _rowEncoders[1].EncodeToScratch(records, physical);
            var versions = state.Load();
            if (!versions.IsEmpty && time <= versions.Newest)
            {
                // A version at the same time is replaced.
                var at = state.After(versions.Rows, time - 1);
                if (at < versions.Rows.End && layout.Timestamp(versions.Rows.Buffer!, at) == time)
                {
                    var relative = at - versions.Rows.Offset;
                    var rest = layout.RemoveAt(versions.Rows, at);
                    versions = versions with { Rows = layout.InsertAt(rest, rest.Offset + relative, row, 1, 0, time) };
                    state.Store(versions);
                    timers.RegisterEventTimeTimer(0, time);
                    continue;
                }
            }

            state.Store(state.Insert(versions, row, 0, time));

            // Cleans up older versions once the watermark passes this one, even if no left row arrives for the key.
            timers.RegisterEventTimeTimer(0, time);
        }

        state.CompactIfWasteful();
    }

    /// <summary>
    /// Joins a late left row at once with the versions of its key still stored, as Flink joins it at its next watermark:
    /// the version it needs may be cleaned up already (then it finds none), so the answer is best-effort.
    /// </summary>
    private void JoinLate(RecordBatchBuilder builder, ReadOnlySpan<byte> row, long time)
    {
        var versions = _versionState.Load().Rows;
        var layout = _versionState.Layout;
        var found = -1;
        for (var v = versions.Offset; v < versions.End && layout.Timestamp(versions.Buffer!, v) <= time; v = layout.Next(versions.Buffer!, v))
        {
            found = v;
        }

        Emit(builder, row, versions.Buffer, found);
    }

    /// <summary>
    /// Moves the rows and versions restored into the earlier form's map states (time → left rows, time → (row, deleted))
    /// into the time-ordered form; the earlier states are left empty.
    /// </summary>
    private void MoveLegacyState(IKeyedStateBackend<RowKey> backend)
    {
        var legacyLeft = backend.GetMapState(new MapStateDescriptor<long, List<RowData>>("temporal-join-left", Serializers.Int64, LegacyLeftRowsSerializer));
        foreach (var key in backend.GetKeys("temporal-join-left").ToList())
        {
            backend.SetCurrentKey(key);
            var rows = _leftState.Load();
            foreach (var (time, list) in legacyLeft.Entries().OrderBy(e => e.Key).ToList())
            {
                foreach (var row in list)
                {
                    rows = _leftState.Insert(rows, row.Bytes.Span, 0, time);
                }
            }

            legacyLeft.Clear();
            _leftState.Store(rows);
        }

        var legacyVersions = backend.GetMapState(
            new MapStateDescriptor<long, (RowData Row, bool Deleted)>("temporal-join-versions", Serializers.Int64, LegacyVersionSerializer));
        foreach (var key in backend.GetKeys("temporal-join-versions").ToList())
        {
            backend.SetCurrentKey(key);
            var versions = _versionState.Load();
            foreach (var (time, (row, deleted)) in legacyVersions.Entries().OrderBy(e => e.Key).ToList())
            {
                versions = _versionState.Insert(versions, deleted ? [] : row.Bytes.Span, 0, time);
            }

            legacyVersions.Clear();
            _versionState.Store(versions);
        }
    }

    private void EmitPadded(RecordBatchBuilder builder, ReadOnlySpan<byte> left)
    {
        _rowEncoders[0].AppendTo(left, builder, 0);
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
