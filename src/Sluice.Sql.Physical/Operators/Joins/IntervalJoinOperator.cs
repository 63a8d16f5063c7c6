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
/// Flink SQL's interval join of two insert-only inputs, <c>a JOIN b ON a.k = b.k AND a.t BETWEEN b.t - INTERVAL x
/// AND b.t + INTERVAL y</c>: a left row and a right row join when their keys are equal and
/// <c>lower ≤ leftTime - rightTime ≤ upper</c> (<see cref="IntervalJoinBounds"/>). Input 0 is the left side, input 1
/// the right. Output: the left columns, then the right columns (the padded side of an outer join nullable),
/// insert-only; a right column named like an earlier column is renamed with a numeric suffix (<c>k</c> → <c>k0</c>).
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> A row is joined, on arrival, with every stored row of the other side whose time falls in
/// its window (a left row at <c>t</c> with right rows in <c>[t - upper, t - lower]</c>, a right row at <c>r</c> with
/// left rows in <c>[r + lower, r + upper]</c>); each match is emitted once as +I(left, right). The row is then stored
/// for as long as a future row of the other side can still fall into its window, and dropped when the operator's
/// time makes that impossible: a left row when the time reaches <c>t - lower</c>, a right row at <c>r + upper</c>.
/// In an outer join, a row of an outer side that never matched is emitted padded with nulls, +I(row, nulls), when it
/// is dropped (or at once, when it cannot be stored because it is already out of reach). A row with a null key
/// or a null time never matches (SQL comparison with null): an outer side emits it padded at once, an inner side
/// drops it. With a further condition, two rows within each other's windows match only when it holds for them.</para>
/// <para><b>Event time</b> (<see cref="JoinTimeDomain.EventTime"/>). Each row's time is its time column (epoch
/// milliseconds, microseconds rounded down); the operator's time is the watermark (the minimum of both inputs').
/// A row is late when it is at or below the watermark when it arrives and so is its window (a left row at <c>t</c>
/// when <c>t - lower</c> is, a right row at <c>r</c> when <c>r + upper</c> is): no row of the other side that can
/// still come falls into it. As in Flink it is not dropped: it is joined best-effort with the rows of the other side
/// still stored (those the watermark has not expired yet), not stored itself, and emitted padded at once on an outer
/// side when nothing matched; it is counted in <see cref="LateRows"/>, and its output rows may be late downstream. A
/// row behind the watermark whose window is not (<c>t &lt;= watermark &lt; t - lower</c>) is joined like any other:
/// with the stored rows and the rows still to come. Rows are dropped from state
/// by event-time timers, and padded rows are emitted before the watermark that dropped them is forwarded. Because a
/// padded row may be older than that watermark, the forwarded watermark is held back by
/// <c>max(-lower, upper, 0)</c>, as Flink does, so no output row of a row that was not late is late downstream. The output's row time is the
/// left time column for INNER and LEFT joins, the right one for RIGHT joins, and none for FULL joins.</para>
/// <para><b>Processing time</b> (<see cref="JoinTimeDomain.ProcessingTime"/>). A row's time is the processing time
/// (<see cref="OperatorContext.TimeProvider"/>) when it arrives, nothing is late, rows are dropped by
/// processing-time timers (a row stays while a row arriving in the same millisecond could still match it), and
/// watermarks are forwarded unchanged. The output has no row time.</para>
/// <para><b>State.</b> Per join key (<see cref="RowKey"/> of the key columns; both sides hash-partitioned by their key
/// columns with <see cref="RecordBatchKeySelector"/>; no key columns means a single key, so parallelism 1) and side, the
/// key's rows encoded back to back in time order (<see cref="TimeOrderedRows"/> in a value state, <see cref="TimeOrderedRowsState"/>;
/// blocks of pooled pages, no object per row), each with a matched flag on an outer side, plus one timer per side and
/// expiry time: a probe reads the run of entries in its window, and an expiry drops a prefix. Restorable, also at
/// another parallelism; snapshots of the earlier form (a map state time → rows per side) restore into this one.</para>
/// <para><b>Not supported.</b> A residual non-equi condition besides the time bounds (the planner applies it after
/// an inner join only, or must not plan this operator); nested columns (ARRAY, MAP, MULTISET, ROW), which
/// <see cref="RowEncoder"/> cannot store; updating inputs (a row that is not +I throws
/// <see cref="InvalidOperationException"/>).</para>
/// <para><b>Threading.</b> All methods and timer callbacks run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend, declares (restores) both map states and the
/// timer service; each input batch is consumed and at most one output batch emitted; padded rows of expired rows
/// are emitted when the watermark (or processing time) reaches them; the maximum watermark at end of input drops
/// everything and emits the remaining padded rows.</para>
/// </remarks>
public sealed class IntervalJoinOperator : StreamOperator, ITwoInputOperator, ITimerCallback<RowKey, long>
{
    private static readonly ITypeSerializer<List<(RowData Row, bool Matched)>> LegacyRowsSerializer =
        Serializers.ListOf(Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean));

    private static readonly string[] LegacyNames = ["interval-join-left", "interval-join-right"];

    private readonly JoinKind _kind;
    private readonly JoinTimeDomain _timeDomain;
    private readonly long _lower;
    private readonly long _upper;
    private readonly long _watermarkDelay;
    private readonly int[] _timeColumns;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowKeyCache[] _keys;
    private readonly RowEncoder[] _rowEncoders;
    private readonly bool[] _outer;
    private readonly int _leftWidth;
    private readonly TimeOrderedRowsState[] _states;
    private readonly List<int> _candidates = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private TimerService<RowKey, long>? _timers;
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo? _timeZone;
    private CompiledPredicate? _predicate;
    private int[] _selected = [];
    private RecordBatchBuilder? _pending;
    private long _lateRows;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0.</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left equi-join columns (may be empty: then a single key, parallelism 1).</param>
    /// <param name="rightKeys">The right equi-join columns, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="kind">Inner, left, right or full outer.</param>
    /// <param name="bounds">The bounds of <c>leftTime - rightTime</c>.</param>
    /// <param name="timeDomain">Event time (the time columns) or processing time.</param>
    /// <param name="leftTimeColumn">The left time attribute (TIMESTAMP or TIMESTAMP_LTZ); ignored in processing time.</param>
    /// <param name="rightTimeColumn">The right time attribute; ignored in processing time.</param>
    /// <param name="condition">
    /// A further condition over the joined row (left columns, then right columns) that two rows within the bounds must
    /// meet to match (an outer row that meets it with none is padded), or null.
    /// </param>
    /// <param name="sessionTimeZone">The session time zone the condition is evaluated in; null for UTC.</param>
    /// <exception cref="ArgumentException">The keys differ in number or physical types, a column is out of range, a
    /// time column is not a timestamp, or the condition does not compile.</exception>
    public IntervalJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, JoinKind kind,
        IntervalJoinBounds bounds, JoinTimeDomain timeDomain, int leftTimeColumn = -1, int rightTimeColumn = -1,
        BoundExpression? condition = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        ArgumentNullException.ThrowIfNull(bounds);
        JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: true);
        if (timeDomain == JoinTimeDomain.EventTime)
        {
            JoinSupport.ValidateTimeColumn(leftSchema, leftTimeColumn, nameof(leftTimeColumn));
            JoinSupport.ValidateTimeColumn(rightSchema, rightTimeColumn, nameof(rightTimeColumn));
        }
        else if (timeDomain != JoinTimeDomain.ProcessingTime)
        {
            throw new ArgumentOutOfRangeException(nameof(timeDomain), timeDomain, "Unknown time domain.");
        }

        _kind = kind;
        Bounds = bounds;
        _timeDomain = timeDomain;
        _lower = bounds.InclusiveLower;
        _upper = bounds.InclusiveUpper;
        _watermarkDelay = Math.Max(0, Math.Max(-_lower, _upper));
        _timeColumns = [leftTimeColumn, rightTimeColumn];
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _keys = [new RowKeyCache(_keyEncoders[0]), new RowKeyCache(_keyEncoders[1])];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _outer = [kind is JoinKind.Left or JoinKind.Full, kind is JoinKind.Right or JoinKind.Full];
        _states = [new TimeOrderedRowsState("interval-join-left-v2", _outer[0]), new TimeOrderedRowsState("interval-join-right-v2", _outer[1])];
        _leftWidth = leftSchema.Count;
        var rowTime = timeDomain != JoinTimeDomain.EventTime ? -1 : kind switch
        {
            JoinKind.Inner or JoinKind.Left => leftTimeColumn,
            JoinKind.Right => _leftWidth + rightTimeColumn,
            _ => -1,
        };
        OutputSchema = new Schema(
            JoinSupport.UniqueNames(JoinSupport.Fields(leftSchema, _outer[1]).Concat(JoinSupport.Fields(rightSchema, _outer[0]))), rowTime);
        _condition = condition;
        _timeZone = sessionTimeZone;
        if (condition is not null)
        {
            // Compiled here to fail while planning; compiled again with the task's clock when opened.
            ExpressionCompiler.CompilePredicate(condition, OutputSchema);
        }
    }

    /// <summary>The output schema: left columns, then right columns.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The join kind.</summary>
    public JoinKind Kind => _kind;

    /// <summary>The time bounds.</summary>
    public IntervalJoinBounds Bounds { get; }

    /// <summary>
    /// The number of late rows (event time: at or below the watermark, and out of reach of every row of the other side
    /// still to come), joined best-effort with the stored rows, since this instance was created; not checkpointed.
    /// </summary>
    public long LateRows => _lateRows;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _states[0].Open(_backend);
        _states[1].Open(_backend);
        MoveLegacyRows(_backend);
        _timers = context.GetTimerService("interval-join-expiry", Serializers.Int64, this);
        _predicate = _condition is null
            ? null
            : ExpressionCompiler.CompilePredicate(_condition, OutputSchema, new ExpressionEnvironment(_timeZone ?? TimeZoneInfo.Utc, context.TimeProvider));
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(IntervalJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(IntervalJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var timers = _timers!;
        var eventTime = _timeDomain == JoinTimeDomain.EventTime;
        var operatorTime = eventTime ? Context.CurrentWatermark : timers.CurrentProcessingTime;
        var other = 1 - input;
        var inputState = _states[input];
        var otherState = _states[other];
        var layout = otherState.Layout;
        var otherOuter = _outer[other];
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var kind = records.GetRowKind(physical);
            if (kind != RowKind.Insert)
            {
                throw new InvalidOperationException(
                    $"An interval join takes insert-only inputs, but input {input} received a {kind.ToShortString()} row.");
            }

            long time;
            if (!eventTime)
            {
                time = operatorTime;
            }
            else if (!JoinSupport.TryReadMillis(records, _timeColumns[input], physical, out time))
            {
                EmitPaddedIfOuter(builder, input, records, physical);
                continue;
            }
            else if (time <= operatorTime && Expiry(input, time) <= operatorTime)
            {
                // Behind the watermark and out of reach of every row still to come: joined below with the stored rows
                // only, and not stored (padded at once on an outer side when nothing matched), as Flink does.
                _lateRows++;
            }

            if (_keyEncoders[input].AnyNull(records, physical))
            {
                EmitPaddedIfOuter(builder, input, records, physical);
                continue;
            }

            backend.SetCurrentKey(_keys[input].KeyOf(records, physical));

            // The row's bytes live in the encoder's scratch buffer until the next row is encoded.
            var row = _rowEncoders[input].EncodeToScratch(records, physical);
            var (from, to) = input == 0
                ? (JoinSupport.SaturatingAdd(time, -_upper), JoinSupport.SaturatingAdd(time, -_lower))
                : (JoinSupport.SaturatingAdd(time, _lower), JoinSupport.SaturatingAdd(time, _upper));

            // The other side's rows are in time order: the window is one run of entries. Matches are emitted by the other
            // row's time, then its arrival, so the output does not depend on the state's layout.
            var others = otherState.Load().Rows;
            var buffer = others.Buffer;
            _candidates.Clear();
            var end = others.End;
            for (var entry = others.Offset; entry < end; entry = layout.Next(buffer!, entry))
            {
                var otherTime = layout.Timestamp(buffer!, entry);
                if (otherTime > to)
                {
                    break;
                }

                if (otherTime >= from)
                {
                    _candidates.Add(entry);
                }
            }

            if (_predicate is not null && _candidates.Count > 0)
            {
                KeepMatching(input, row, layout, buffer!);
            }

            foreach (var entry in _candidates)
            {
                EmitJoined(builder, input, row, layout.Row(buffer!, entry));
                if (otherOuter && layout.Matches(buffer!, entry) == 0)
                {
                    // Changed in place: the state holds this very block.
                    layout.SetMatches(buffer!, entry, 1);
                }
            }

            var matched = _candidates.Count > 0;
            _candidates.Clear();
            var expiry = Expiry(input, time);
            if (expiry > operatorTime)
            {
                inputState.Store(inputState.Insert(inputState.Load(), row, matched ? 1 : 0, time));
                if (eventTime)
                {
                    timers.RegisterEventTimeTimer(input, expiry);
                }
                else
                {
                    timers.RegisterProcessingTimeTimer(input, expiry);
                }
            }
            else if (_outer[input] && !matched)
            {
                EmitPadded(builder, input, row);
            }
        }

        inputState.CompactIfWasteful();
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>Keeps in <see cref="_candidates"/> the stored rows for which the condition holds with <paramref name="row"/>.</summary>
    private void KeepMatching(int input, ReadOnlySpan<byte> row, JoinRowsLayout layout, byte[] buffer)
    {
        var count = _candidates.Count;
        using var pairs = new RecordBatchBuilder(OutputSchema, count);
        foreach (var entry in _candidates)
        {
            var otherRow = layout.Row(buffer, entry);
            _rowEncoders[0].AppendTo(input == 0 ? row : otherRow, pairs, 0);
            _rowEncoders[1].AppendTo(input == 0 ? otherRow : row, pairs, _leftWidth);
        }

        using var batch = pairs.Build();
        if (_selected.Length < count)
        {
            _selected = new int[Math.Max(16, count * 2)];
        }

        var kept = _predicate!.Filter(batch, _selected);
        for (var k = 0; k < kept; k++)
        {
            _candidates[k] = _candidates[_selected[k]];
        }

        _candidates.RemoveRange(kept, count - kept);
    }

    /// <summary>
    /// Moves the rows restored into the earlier form's map states (time → rows, per side) into the time-ordered form, in
    /// time order, then arrival order; the earlier states are left empty.
    /// </summary>
    private void MoveLegacyRows(IKeyedStateBackend<RowKey> backend)
    {
        for (var side = 0; side < 2; side++)
        {
            var legacy = backend.GetMapState(new MapStateDescriptor<long, List<(RowData Row, bool Matched)>>(LegacyNames[side], Serializers.Int64, LegacyRowsSerializer));
            var state = _states[side];
            foreach (var key in backend.GetKeys(LegacyNames[side]).ToList())
            {
                backend.SetCurrentKey(key);
                var rows = state.Load();
                foreach (var (time, list) in legacy.Entries().OrderBy(e => e.Key).ToList())
                {
                    foreach (var (row, matched) in list)
                    {
                        rows = state.Insert(rows, row.Bytes.Span, matched ? 1 : 0, time);
                    }
                }

                legacy.Clear();
                state.Store(rows);
            }
        }
    }

    /// <summary>Emits the padded rows of the rows this watermark dropped, then the watermark (held back in event time).</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        FlushPending(output);
        if (_timeDomain == JoinTimeDomain.EventTime && watermark.Timestamp != long.MaxValue)
        {
            output.EmitWatermark(new Watermark(JoinSupport.SaturatingAdd(watermark.Timestamp, -_watermarkDelay)));
        }
        else
        {
            output.EmitWatermark(watermark);
        }
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

    void ITimerCallback<RowKey, long>.OnEventTime(TimerEntry<RowKey, long> timer, IOutput output) =>
        Expire((int)timer.Namespace, timer.Timestamp, _pending ??= new RecordBatchBuilder(OutputSchema, 64));

    void ITimerCallback<RowKey, long>.OnProcessingTime(TimerEntry<RowKey, long> timer, IOutput output)
    {
        using var builder = new RecordBatchBuilder(OutputSchema, 16);
        Expire((int)timer.Namespace, timer.Timestamp, builder);
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>
    /// The operator time at which a row of <paramref name="side"/> with time <paramref name="time"/> can no longer
    /// match a future row: in event time future rows are above the watermark, in processing time at or above now.
    /// </summary>
    private long Expiry(int side, long time)
    {
        var last = side == 0 ? JoinSupport.SaturatingAdd(time, -_lower) : JoinSupport.SaturatingAdd(time, _upper);
        return _timeDomain == JoinTimeDomain.EventTime ? last : JoinSupport.SaturatingAdd(last, 1);
    }

    /// <summary>Drops the current key's rows of <paramref name="side"/> that expire by <paramref name="now"/>, padding unmatched outer rows.</summary>
    private void Expire(int side, long now, RecordBatchBuilder builder)
    {
        var state = _states[side];
        var layout = state.Layout;
        var rows = state.Load();
        var buffer = rows.Rows.Buffer;
        var end = rows.Rows.End;
        var entry = rows.Rows.Offset;
        var removed = 0;

        // The rows expire in time order: a prefix of the entries.
        while (entry < end && Expiry(side, layout.Timestamp(buffer!, entry)) <= now)
        {
            if (_outer[side] && layout.Matches(buffer!, entry) == 0)
            {
                EmitPadded(builder, side, layout.Row(buffer!, entry));
            }

            entry = layout.Next(buffer!, entry);
            removed++;
        }

        if (removed > 0)
        {
            state.Store(rows with { Rows = layout.RemovePrefix(rows.Rows, entry, removed) });
        }
    }

    private void FlushPending(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }

    private void EmitPaddedIfOuter(RecordBatchBuilder builder, int side, RecordBatch records, int physical)
    {
        if (_outer[side])
        {
            EmitPadded(builder, side, _rowEncoders[side].EncodeToScratch(records, physical));
        }
    }

    private void EmitJoined(RecordBatchBuilder builder, int input, ReadOnlySpan<byte> row, ReadOnlySpan<byte> otherRow)
    {
        _rowEncoders[0].AppendTo(input == 0 ? row : otherRow, builder, 0);
        _rowEncoders[1].AppendTo(input == 0 ? otherRow : row, builder, _leftWidth);
        builder.AppendRowKind(RowKind.Insert);
    }

    private void EmitPadded(RecordBatchBuilder builder, int side, ReadOnlySpan<byte> row)
    {
        if (side == 0)
        {
            _rowEncoders[0].AppendTo(row, builder, 0);
            _rowEncoders[1].AppendNulls(builder, _leftWidth);
        }
        else
        {
            _rowEncoders[0].AppendNulls(builder, 0);
            _rowEncoders[1].AppendTo(row, builder, _leftWidth);
        }

        builder.AppendRowKind(RowKind.Insert);
    }
}
