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
/// columns with <see cref="RecordBatchKeySelector"/>; no key columns means a single key, so parallelism 1) one map
/// state per side: row time → the rows with that time, each with a matched flag (for outer sides), plus one timer
/// per side and expiry time. Restorable, also at another parallelism.</para>
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
    private static readonly ITypeSerializer<List<(RowData Row, bool Matched)>> RowsSerializer =
        Serializers.ListOf(Serializers.Tuple(RowDataSerializer.Instance, Serializers.Boolean));

    private static readonly Comparison<(long Time, List<(RowData Row, bool Matched)> Rows)> ByTime = (a, b) => a.Time.CompareTo(b.Time);

    private readonly JoinKind _kind;
    private readonly JoinTimeDomain _timeDomain;
    private readonly long _lower;
    private readonly long _upper;
    private readonly long _watermarkDelay;
    private readonly int[] _timeColumns;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder[] _rowEncoders;
    private readonly bool[] _outer;
    private readonly int _leftWidth;
    private readonly IMapState<long, List<(RowData Row, bool Matched)>>[] _states = new IMapState<long, List<(RowData Row, bool Matched)>>[2];
    private readonly List<(long Time, List<(RowData Row, bool Matched)> Rows)> _touched = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private TimerService<RowKey, long>? _timers;
    private readonly List<bool> _passes = [];
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
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _outer = [kind is JoinKind.Left or JoinKind.Full, kind is JoinKind.Right or JoinKind.Full];
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
        _states[0] = _backend.GetMapState(new MapStateDescriptor<long, List<(RowData Row, bool Matched)>>("interval-join-left", Serializers.Int64, RowsSerializer));
        _states[1] = _backend.GetMapState(new MapStateDescriptor<long, List<(RowData Row, bool Matched)>>("interval-join-right", Serializers.Int64, RowsSerializer));
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

            backend.SetCurrentKey(_keyEncoders[input].KeyOf(records, physical));
            var row = _rowEncoders[input].RowOf(records, physical);
            var (from, to) = input == 0
                ? (JoinSupport.SaturatingAdd(time, -_upper), JoinSupport.SaturatingAdd(time, -_lower))
                : (JoinSupport.SaturatingAdd(time, _lower), JoinSupport.SaturatingAdd(time, _upper));
            _touched.Clear();
            foreach (var (otherTime, otherRows) in otherState.Entries())
            {
                if (otherTime >= from && otherTime <= to)
                {
                    _touched.Add((otherTime, otherRows));
                }
            }

            // Matches are emitted by the other row's time, then its arrival, so the output does not depend on the
            // state's iteration order.
            _touched.Sort(ByTime);
            if (_predicate is not null)
            {
                EvaluateCondition(input, row);
            }

            var matched = false;
            var pair = 0;
            foreach (var (otherTime, otherRows) in _touched)
            {
                var changed = false;
                for (var j = 0; j < otherRows.Count; j++)
                {
                    if (_predicate is not null && !_passes[pair++])
                    {
                        continue;
                    }

                    matched = true;
                    EmitJoined(builder, input, row, otherRows[j].Row);
                    if (_outer[other] && !otherRows[j].Matched)
                    {
                        otherRows[j] = (otherRows[j].Row, true);
                        changed = true;
                    }
                }

                if (changed)
                {
                    otherState.Put(otherTime, otherRows);
                }
            }

            _touched.Clear();
            var expiry = Expiry(input, time);
            if (expiry > operatorTime)
            {
                if (!inputState.TryGet(time, out var rows))
                {
                    rows = [];
                }

                rows.Add((row, matched));
                inputState.Put(time, rows);
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

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>Sets <see cref="_passes"/>: for every row of <see cref="_touched"/>, in order, whether the condition holds with <paramref name="row"/>.</summary>
    private void EvaluateCondition(int input, RowData row)
    {
        _passes.Clear();
        var count = _touched.Sum(t => t.Rows.Count);
        if (count == 0)
        {
            return;
        }

        using var pairs = new RecordBatchBuilder(OutputSchema, count);
        foreach (var (_, otherRows) in _touched)
        {
            foreach (var (otherRow, _) in otherRows)
            {
                var (left, right) = input == 0 ? (row, otherRow) : (otherRow, row);
                _rowEncoders[0].AppendTo(left.Bytes, pairs, 0);
                _rowEncoders[1].AppendTo(right.Bytes, pairs, _leftWidth);
            }
        }

        using var batch = pairs.Build();
        if (_selected.Length < count)
        {
            _selected = new int[Math.Max(16, count * 2)];
        }

        var kept = _predicate!.Filter(batch, _selected);
        _passes.AddRange(Enumerable.Repeat(false, count));
        for (var k = 0; k < kept; k++)
        {
            _passes[_selected[k]] = true;
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
        _touched.Clear();
        foreach (var (time, rows) in state.Entries())
        {
            if (Expiry(side, time) <= now)
            {
                _touched.Add((time, rows));
            }
        }

        _touched.Sort(ByTime);
        foreach (var (time, rows) in _touched)
        {
            state.Remove(time);
            if (_outer[side])
            {
                foreach (var (row, matched) in rows)
                {
                    if (!matched)
                    {
                        EmitPadded(builder, side, row);
                    }
                }
            }
        }

        _touched.Clear();
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
            EmitPadded(builder, side, _rowEncoders[side].RowOf(records, physical));
        }
    }

    private void EmitJoined(RecordBatchBuilder builder, int input, RowData row, RowData otherRow)
    {
        var (left, right) = input == 0 ? (row, otherRow) : (otherRow, row);
        _rowEncoders[0].AppendTo(left.Bytes, builder, 0);
        _rowEncoders[1].AppendTo(right.Bytes, builder, _leftWidth);
        builder.AppendRowKind(RowKind.Insert);
    }

    private void EmitPadded(RecordBatchBuilder builder, int side, RowData row)
    {
        if (side == 0)
        {
            _rowEncoders[0].AppendTo(row.Bytes, builder, 0);
            _rowEncoders[1].AppendNulls(builder, _leftWidth);
        }
        else
        {
            _rowEncoders[0].AppendNulls(builder, 0);
            _rowEncoders[1].AppendTo(row.Bytes, builder, _leftWidth);
        }

        builder.AppendRowKind(RowKind.Insert);
    }
}
