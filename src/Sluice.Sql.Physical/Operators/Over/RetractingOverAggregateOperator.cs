using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Sql.Physical.Operators.Aggregates;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Over;

/// <summary>
/// An OVER aggregation over an updating input (Nexmark q6's
/// <c>AVG(price) OVER (PARTITION BY seller ORDER BY dateTime ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)</c> over a Top-1),
/// with a ROWS or a RANGE frame: every row in a partition carries the aggregates of its frame, and the result follows the
/// rows as they come and go. Flink cannot run this (its OVER aggregation takes insert-only input). Output: every input
/// column, then one column per aggregate call, as a full changelog.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> A partition's rows are kept ordered by the ORDER BY column (NULL first), rows with equal times by
/// their encoded content, so the order, and with it every result, does not depend on the order rows arrive in (arrival
/// order means nothing once rows are retracted and added again). Rows are processed as they arrive; the watermark is not
/// waited for, since a later change may reorder any part of the partition anyway.</para>
/// <para><b>LAG and LEAD</b> (<see cref="OverLagCall"/>): the value of the row k before (after) in the partition's order,
/// else the row's default; a change also updates the k rows after it (before it, for LEAD) whose value it changes. An
/// insert-only input with LEAD runs here too: its rows are emitted with what follows them so far and updated later.</para>
/// <para><b>Frames.</b> ROWS: the current row and the n rows before it in the order (every earlier row for UNBOUNDED).
/// RANGE (as Flink's bounded and unbounded RANGE OVER windows): every row whose ORDER BY time is at most the interval
/// before the current row's (every earlier time for UNBOUNDED), up to and including the rows with the current row's time,
/// so rows with equal times (peers) see each other and carry the same aggregates. A NULL time is the smallest; a RANGE
/// frame of a row with a NULL time is the rows with NULL times.</para>
/// <para><b>Changes.</b> An added row (+I/+U) takes its place in the order and is emitted (+I) with its results; the
/// rows whose frames now contain it (the next n rows for ROWS; its peers and the rows up to the interval after it for
/// RANGE; every later row for UNBOUNDED) are retracted with their previous results (-U) and emitted with the new ones
/// (+U) when these differ. A retracted row (-U/-D) leaves the order: it is emitted as -D with its last results, and the
/// rows whose frames lost it are updated the same way. With <c>keepRowKinds</c> (Flink's non-time OVER aggregation) the
/// changed row keeps its input's kind instead: +I or +U when added, -U or -D when retracted. A retraction of a row that is not in the partition is ignored.</para>
/// <para><b>State.</b> Per partition key (<see cref="RowKey"/> of the PARTITION BY columns; hash-partition the input by
/// them with <see cref="RecordBatchKeySelector"/>, or run at parallelism 1 without keys): the partition's rows with their
/// times, in order. Results are recomputed from the rows of the affected frames (no accumulators are kept), sliding the
/// frame with retractable accumulators (see <see cref="AggregateKind"/>), so a change costs O(n) for n PRECEDING (the
/// rows of the affected frames for RANGE; the rows after it for UNBOUNDED PRECEDING). Keyed state: checkpointed and
/// restorable at another parallelism; the optional time-to-live drops a partition that did not change for that long.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the state; each batch's changes are emitted at once.</para>
/// </remarks>
public sealed class RetractingOverAggregateOperator : StreamOperator
{
    private const string RowsStateName = "over-retract-rows";
    private static readonly ITypeSerializer<List<(long, RowData)>> RowsSerializer =
        Serializers.ListOf(Serializers.Tuple(Serializers.Int64, RowDataSerializer.Instance));

    private readonly Schema _inputSchema;
    private readonly RowKeyCache _keys;
    private readonly RowEncoder _rowEncoder;
    private readonly int _timeColumn;
    private readonly long? _preceding;
    private readonly bool _isRows;
    private readonly long? _rangeMicros;
    private readonly StateTtlConfig? _stateTtl;
    private readonly Aggregator _aggregator;
    private readonly int _inputWidth;
    private readonly OverLagCall[] _offsets;
    private readonly int _lagDepth;
    private readonly int _leadDepth;
    private readonly bool _keepRowKinds;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<List<(long Time, RowData Row)>>? _rows;
    private long _unknownRetractions;

    // Scratch reused by every change (task thread only): the rows of the affected frames as a batch, one accumulator set,
    // the results before and after a change, and the positions of a frame's first rows.
    private RecordBatchBuilder? _frameRows;
    private AccumulatorSet? _scratchSet;
    private readonly OverFrameResults _before = new();
    private readonly OverFrameResults _after = new();
    private int[] _positions = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="partitionKeys">The PARTITION BY columns (may be empty).</param>
    /// <param name="orderColumn">The ORDER BY column (ascending): a TIMESTAMP, TIMESTAMP_LTZ or other 64-bit column.</param>
    /// <param name="frame">The frame: ROWS BETWEEN n or UNBOUNDED PRECEDING AND CURRENT ROW, or RANGE BETWEEN an interval or
    /// UNBOUNDED PRECEDING AND CURRENT ROW.</param>
    /// <param name="calls">The aggregate calls.</param>
    /// <param name="stateTtl">The time-to-live of a partition's rows, or null to keep them.</param>
    /// <param name="offsetCalls">The <c>LAG</c> and <c>LEAD</c> calls, or null for none.</param>
    /// <param name="keepRowKinds">
    /// True to emit the changed row with its input's kind, as Flink's non-time OVER aggregation does (an input +U is
    /// emitted as +U, a -U as -U); false to emit it as +I or -D.
    /// </param>
    /// <exception cref="ArgumentException">A column is out of range, or a call does not fit its function.</exception>
    public RetractingOverAggregateOperator(Schema inputSchema, int[] partitionKeys, int orderColumn, OverFrame frame,
        IReadOnlyList<AggregateCall> calls, StateTtlConfig? stateTtl = null, IReadOnlyList<OverLagCall>? offsetCalls = null,
        bool keepRowKinds = false)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(calls);
        if ((uint)orderColumn >= (uint)inputSchema.Count || inputSchema[orderColumn].DataType.PhysicalType != Core.Types.PhysicalType.Int64)
        {
            throw new ArgumentException($"The ORDER BY column {orderColumn} must be a 64-bit column (a timestamp) of {inputSchema}.", nameof(orderColumn));
        }

        _inputSchema = inputSchema;
        _keys = new RowKeyCache(new RowEncoder(inputSchema, partitionKeys));
        _rowEncoder = RowEncoder.AllColumns(inputSchema);
        _timeColumn = orderColumn;
        _isRows = frame.IsRows;
        _preceding = frame.IsRows ? frame.Preceding : null;
        _rangeMicros = frame.IsRows ? null : frame.Preceding * TemporalConversions.MicrosPerMilli;
        _stateTtl = stateTtl;
        _aggregator = new Aggregator(inputSchema, calls);
        _inputWidth = inputSchema.Count;
        _keepRowKinds = keepRowKinds;
        _offsets = [.. offsetCalls ?? []];
        foreach (var call in _offsets)
        {
            if ((uint)call.Column >= (uint)inputSchema.Count || call.DefaultColumn >= inputSchema.Count || call.Offset < 0)
            {
                throw new ArgumentException($"The {(call.IsLead ? "LEAD" : "LAG")} call {call} does not fit {inputSchema}.", nameof(offsetCalls));
            }
        }

        _lagDepth = _offsets.Where(c => !c.IsLead).Select(c => c.Offset).DefaultIfEmpty(0).Max();
        _leadDepth = _offsets.Where(c => c.IsLead).Select(c => c.Offset).DefaultIfEmpty(0).Max();
        OutputSchema = OutputSchemas.Unique(
            [.. inputSchema.Fields, .. _aggregator.ResultFields, .. _offsets.Select(c => new Field(c.Name, c.Type.Nullable()))], -1);
    }

    /// <summary>The output schema: the input columns, then one column per aggregate call (no row time: the output updates).</summary>
    public Schema OutputSchema { get; }

    /// <summary>The number of retractions of rows that were not in their partition (this instance, not checkpointed).</summary>
    public long UnknownRetractions => _unknownRetractions;

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _rows = _backend.GetValueState(new ValueStateDescriptor<List<(long Time, RowData Row)>>(RowsStateName, RowsSerializer) { Ttl = _stateTtl });
        _frameRows = new RecordBatchBuilder(_inputSchema, 32);
    }

    /// <inheritdoc />
    public override void Close()
    {
        _frameRows?.Dispose();
        _frameRows = null;
        base.Close();
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(RetractingOverAggregateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _rows!;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount * 2));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            backend.SetCurrentKey(_keys.KeyOf(records, physical));
            var rows = state.Value() ?? [];
            var time = times.IsNull(physical) ? long.MinValue : times.Values[physical];
            var kind = records.GetRowKind(physical);
            if (kind.IsAdditive())
            {
                Add(rows, (time, _rowEncoder.RowOf(records, physical)), _keepRowKinds ? kind : RowKind.Insert, builder);
            }
            else if (!Remove(rows, time, _rowEncoder.EncodeToScratch(records, physical), _keepRowKinds ? kind : RowKind.Delete, builder))
            {
                _unknownRetractions++;
                continue;
            }

            if (rows.Count == 0)
            {
                state.Clear();
            }
            else
            {
                state.Update(rows);
            }
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>
    /// Inserts <paramref name="entry"/> after its equals, emits it as <paramref name="kind"/> and updates the rows whose
    /// frames now contain it.
    /// </summary>
    private void Add(List<(long Time, RowData Row)> rows, (long Time, RowData Row) entry, RowKind kind, RecordBatchBuilder builder)
    {
        var position = UpperBound(rows, entry);

        // The rows before it whose LEAD reaches past it (and its peers, for RANGE), and the rows from position on whose
        // frames (or LAG) reach back to it.
        var start = FirstAffected(rows, position, entry.Time);
        var last = LastAffected(rows, position, entry.Time, rows.Count - 1);
        OverFrameResults before, after;
        if (RowsFramesOnly)
        {
            // The rows of both computations are decoded once: the partition with the new row, which the results before
            // the change skip.
            rows.Insert(position, entry);
            using var frameRows = DecodeRows(rows, RowsFrameStart(start), last + 1);
            before = RowsResults(frameRows, RowsFrameStart(start), position, start, last, _before);
            after = RowsResults(frameRows, RowsFrameStart(start), -1, start, last + 1, _after);
        }
        else
        {
            before = Results(rows, start, last, _before);
            rows.Insert(position, entry);
            after = Results(rows, start, last + 1, _after);
        }

        for (var i = start; i < position; i++)
        {
            Update(builder, rows[i].Row, before[i - start], after[i - start]);
        }

        Emit(builder, kind, entry.Row.Bytes.Span, after[position - start]);
        for (var j = position; j <= last; j++)
        {
            Update(builder, rows[j + 1].Row, before[j - start], after[j + 1 - start]);
        }
    }

    /// <summary>
    /// Removes one row equal to <paramref name="row"/> (encoded) with time <paramref name="time"/>, emits it as
    /// <paramref name="kind"/> and updates the rows whose frames lose it; false when there is none.
    /// </summary>
    private bool Remove(List<(long Time, RowData Row)> rows, long time, ReadOnlySpan<byte> row, RowKind kind, RecordBatchBuilder builder)
    {
        var position = LowerBound(rows, time, row);
        if (position >= rows.Count || Compare(rows[position], time, row) != 0)
        {
            return false;
        }

        var start = FirstAffected(rows, position, time);
        var last = Math.Max(position, LastAffected(rows, position + 1, time, rows.Count - 1));
        OverFrameResults before, after;
        var removed = rows[position].Row;
        if (RowsFramesOnly)
        {
            // The rows of both computations are decoded once: the partition with the removed row, which the results after
            // the change skip.
            using var frameRows = DecodeRows(rows, RowsFrameStart(start), last);
            before = RowsResults(frameRows, RowsFrameStart(start), -1, start, last, _before);
            after = RowsResults(frameRows, RowsFrameStart(start), position, start, last - 1, _after);
            rows.RemoveAt(position);
        }
        else
        {
            before = Results(rows, start, last, _before);
            rows.RemoveAt(position);
            after = Results(rows, start, last - 1, _after);
        }

        for (var i = start; i < position; i++)
        {
            Update(builder, rows[i].Row, before[i - start], after[i - start]);
        }

        Emit(builder, kind, removed.Bytes.Span, before[position - start]);
        for (var j = position + 1; j <= last; j++)
        {
            Update(builder, rows[j - 1].Row, before[j - start], after[j - 1 - start]);
        }

        return true;
    }

    /// <summary>
    /// The first index of the rows before <paramref name="position"/> whose results a change of a row at
    /// <paramref name="position"/> with time <paramref name="time"/> changes: those whose LEAD reaches it, and for RANGE
    /// its peers (whose frames end with the last row of its time).
    /// </summary>
    private int FirstAffected(List<(long Time, RowData Row)> rows, int position, long time)
    {
        var start = Math.Max(0, position - _leadDepth);
        return _isRows ? start : Math.Min(start, TimeLowerBound(rows, time));
    }

    /// <summary>
    /// The last index (at most <paramref name="max"/>) of the rows from <paramref name="first"/> on whose frames (or LAG)
    /// reach back to a changed row with time <paramref name="time"/> just before <paramref name="first"/>.
    /// </summary>
    private int LastAffected(List<(long Time, RowData Row)> rows, int first, long time, int max)
    {
        if (_isRows)
        {
            return _preceding is { } n ? (int)Math.Min(max, first + Math.Max(Math.Min(n, int.MaxValue), _lagDepth) - 1) : max;
        }

        var byLag = first + _lagDepth - 1;
        var byRange = _rangeMicros is { } range ? TimeUpperBound(rows, SaturatingAdd(time, range)) - 1 : max;
        return Math.Min(max, Math.Max(byLag, byRange));
    }

    /// <summary>
    /// The results of the rows <paramref name="from"/>..<paramref name="to"/> (inclusive; none when to &lt; from), each over
    /// its frame, written into <paramref name="results"/> (which is returned; valid until it is filled again).
    /// </summary>
    private OverFrameResults Results(List<(long Time, RowData Row)> rows, int from, int to, OverFrameResults results)
    {
        results.Clear();
        if (to < from)
        {
            return results;
        }

        // The frames of rows from..to cover first..end: ROWS frames end at their row, RANGE frames at their last peer.
        var first = FrameStart(rows, from);
        var end = _isRows ? to : TimeUpperBound(rows, rows[to].Time) - 1;
        var builder = _frameRows ?? throw new InvalidOperationException("The operator is not open.");
        for (var i = first; i <= end; i++)
        {
            _rowEncoder.AppendTo(rows[i].Row.Bytes.Span, builder, 0);
        }

        using var batch = builder.Build();

        // One pass over the rows: the frame's end moves forward adding rows, its start moves forward retracting them. The
        // first frame is accumulated call by call (as row by row, in order), the later rows one at a time.
        var set = ScratchSet();
        var added = first;
        var removed = first;
        for (var i = from; i <= to; i++)
        {
            var frameEnd = _isRows ? i : TimeUpperBound(rows, rows[i].Time) - 1;
            if (added == first && frameEnd >= added)
            {
                var count = frameEnd - added + 1;
                if (_positions.Length < count)
                {
                    _positions = new int[Math.Max(32, count * 2)];
                }

                for (var k = 0; k < count; k++)
                {
                    _positions[k] = k;
                }

                _aggregator.AccumulateRows(set, batch, _positions.AsSpan(0, count));
                added = frameEnd + 1;
            }

            for (; added <= frameEnd; added++)
            {
                _aggregator.Apply(set, batch, added - first, retract: false);
            }

            for (var frameStart = FrameStart(rows, i); removed < frameStart; removed++)
            {
                _aggregator.Apply(set, batch, removed - first, retract: true);
            }

            _aggregator.Results(set, results.Next(_aggregator.Calls.Count));
            results.SetOffsets(OffsetValues(rows, i));
        }

        return results;
    }

    /// <summary>True for a ROWS frame without LAG or LEAD: a row's frame follows from its index alone.</summary>
    private bool RowsFramesOnly => _isRows && _offsets.Length == 0;

    /// <summary>The first index of row <paramref name="index"/>'s ROWS frame.</summary>
    private int RowsFrameStart(int index) => _preceding is { } n ? (int)Math.Max(0, index - n) : 0;

    /// <summary>The rows <paramref name="from"/>..<paramref name="to"/> (inclusive) decoded into a batch (the caller disposes it).</summary>
    private RecordBatch DecodeRows(List<(long Time, RowData Row)> rows, int from, int to)
    {
        var builder = _frameRows ?? throw new InvalidOperationException("The operator is not open.");
        for (var i = from; i <= to; i++)
        {
            _rowEncoder.AppendTo(rows[i].Row.Bytes.Span, builder, 0);
        }

        return builder.Build();
    }

    /// <summary>
    /// As <see cref="Results"/> for ROWS frames without LAG or LEAD, over the rows of a partition that are decoded in
    /// <paramref name="batch"/> (row <paramref name="first"/> of the partition at index 0) except the one at
    /// <paramref name="skip"/> (none when negative): <paramref name="from"/> and <paramref name="to"/> count the rows
    /// without it.
    /// </summary>
    private OverFrameResults RowsResults(RecordBatch batch, int first, int skip, int from, int to, OverFrameResults results)
    {
        results.Clear();
        if (to < from)
        {
            return results;
        }

        var set = ScratchSet();
        var frameFirst = RowsFrameStart(from);
        var added = frameFirst;
        var removed = frameFirst;
        for (var i = from; i <= to; i++)
        {
            if (added == frameFirst && i >= added)
            {
                var count = i - added + 1;
                if (_positions.Length < count)
                {
                    _positions = new int[Math.Max(32, count * 2)];
                }

                for (var k = 0; k < count; k++)
                {
                    _positions[k] = BatchIndex(added + k, first, skip);
                }

                _aggregator.AccumulateRows(set, batch, _positions.AsSpan(0, count));
                added = i + 1;
            }

            for (; added <= i; added++)
            {
                _aggregator.Apply(set, batch, BatchIndex(added, first, skip), retract: false);
            }

            for (var frameStart = RowsFrameStart(i); removed < frameStart; removed++)
            {
                _aggregator.Apply(set, batch, BatchIndex(removed, first, skip), retract: true);
            }

            _aggregator.Results(set, results.Next(_aggregator.Calls.Count));
        }

        return results;
    }

    /// <summary>The batch index of row <paramref name="index"/> of a partition without its row <paramref name="skip"/>.</summary>
    private static int BatchIndex(int index, int first, int skip) => (skip >= 0 && index >= skip ? index + 1 : index) - first;

    /// <summary>An empty accumulator set: the scratch set emptied, or a new one when a function cannot empty its accumulator.</summary>
    private AccumulatorSet ScratchSet()
    {
        if (_scratchSet is { } set && _aggregator.TryReset(set))
        {
            return set;
        }

        return _scratchSet = _aggregator.CreateSet();
    }

    /// <summary>The first index of row <paramref name="index"/>'s frame.</summary>
    private int FrameStart(List<(long Time, RowData Row)> rows, int index)
    {
        if (_isRows)
        {
            return _preceding is { } n ? (int)Math.Max(0, index - n) : 0;
        }

        return _rangeMicros is { } range ? TimeLowerBound(rows, SaturatingSubtract(rows[index].Time, range)) : 0;
    }

    /// <summary>The first index whose time is not less than <paramref name="time"/>.</summary>
    private static int TimeLowerBound(List<(long Time, RowData Row)> rows, long time)
    {
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (rows[middle].Time < time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The first index whose time is greater than <paramref name="time"/>.</summary>
    private static int TimeUpperBound(List<(long Time, RowData Row)> rows, long time)
    {
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (rows[middle].Time <= time)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary><paramref name="time"/> minus <paramref name="range"/>; a NULL time (the smallest) stays the smallest.</summary>
    private static long SaturatingSubtract(long time, long range) => time < long.MinValue + range ? long.MinValue : time - range;

    private static long SaturatingAdd(long time, long range) =>
        time == long.MinValue ? long.MinValue : time > long.MaxValue - range ? long.MaxValue : time + range;

    /// <summary>The LAG and LEAD values of row <paramref name="index"/>.</summary>
    private object?[] OffsetValues(List<(long Time, RowData Row)> rows, int index)
    {
        if (_offsets.Length == 0)
        {
            return [];
        }

        var values = new object?[_offsets.Length];
        object?[]? current = null;
        for (var j = 0; j < _offsets.Length; j++)
        {
            var call = _offsets[j];
            var target = call.IsLead ? (long)index + call.Offset : (long)index - call.Offset;
            values[j] = target >= 0 && target < rows.Count
                ? _rowEncoder.Decode(rows[(int)target].Row.Bytes)[call.Column]
                : call.DefaultColumn < 0 ? null : (current ??= _rowEncoder.Decode(rows[index].Row.Bytes))[call.DefaultColumn];
        }

        return values;
    }

    private void Update(RecordBatchBuilder builder, RowData row, (AggregateValue?[] Aggregates, object?[] Offsets) before,
        (AggregateValue?[] Aggregates, object?[] Offsets) after)
    {
        if (!Aggregator.SameResults(before.Aggregates, after.Aggregates)
            || (before.Offsets.Length > 0
                && !System.Collections.StructuralComparisons.StructuralEqualityComparer.Equals(before.Offsets, after.Offsets)))
        {
            Emit(builder, RowKind.UpdateBefore, row.Bytes.Span, before);
            Emit(builder, RowKind.UpdateAfter, row.Bytes.Span, after);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, ReadOnlySpan<byte> row, (AggregateValue?[] Aggregates, object?[] Offsets) results)
    {
        _rowEncoder.AppendTo(row, builder, 0);
        Aggregator.AppendResults(results.Aggregates, builder, _inputWidth);
        for (var j = 0; j < results.Offsets.Length; j++)
        {
            builder.Append(_inputWidth + results.Aggregates.Length + j, results.Offsets[j]);
        }

        builder.AppendRowKind(kind);
    }

    /// <summary>The first index whose entry is not less than (<paramref name="time"/>, <paramref name="row"/>).</summary>
    private static int LowerBound(List<(long Time, RowData Row)> rows, long time, ReadOnlySpan<byte> row)
    {
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Compare(rows[middle], time, row) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The first index whose entry is greater than <paramref name="entry"/>.</summary>
    private static int UpperBound(List<(long Time, RowData Row)> rows, (long Time, RowData Row) entry)
    {
        int low = 0, high = rows.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (Compare(rows[middle], entry.Time, entry.Row.Bytes.Span) <= 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int Compare((long Time, RowData Row) a, long time, ReadOnlySpan<byte> row)
    {
        var byTime = a.Time.CompareTo(time);
        return byTime != 0 ? byTime : a.Row.Bytes.Span.SequenceCompareTo(row);
    }
}
