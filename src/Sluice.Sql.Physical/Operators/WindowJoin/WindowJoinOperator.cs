using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;
using Sluice.State.Keyed;
using Sluice.State.Timers;

namespace Sluice.Sql.Physical.Operators.WindowJoin;

/// <summary>
/// Flink SQL's window join: <c>L JOIN R ON L.window_start = R.window_start AND L.window_end = R.window_end AND L.k = R.k
/// [AND residual]</c> over two insert-only inputs that carry their windows (from window table functions or window
/// aggregates of the same window kind). Input 0 is the left side, input 1 the right. The rows of each window are
/// joined once, when the watermark passes the window's end, and the result is insert-only. Output schema: the left
/// columns, then the right columns (the padded side nullable; a right column whose name repeats a left one is renamed
/// with a numeric suffix, <c>window_start0</c>, as Calcite does; no row-time attribute); for SEMI and ANTI the left
/// schema.
/// </summary>
/// <remarks>
/// <para><b>Semantics</b> (as Flink's <c>WindowJoinOperator</c>). Rows are buffered per join key and window
/// (<c>window_start</c>, <c>window_end</c>). When the operator's watermark (the minimum over both inputs) reaches
/// <c>window_end - 1</c> (epoch milliseconds), the window's rows are joined and dropped: INNER emits, for each left row
/// in arrival order, the joined row with each matching right row in arrival order; LEFT does the same and emits a left
/// row without match padded with nulls; RIGHT iterates the right rows and emits each one's matches with the left rows,
/// or the right row padded; FULL emits as LEFT and then every right row that matched no left row, padded; SEMI emits each
/// left row that has a match once; ANTI each left row without one. A match is a pair whose residual condition, when
/// given, is TRUE (NULL and FALSE reject it). A row with a null in a join key column never matches (SQL equality): it is
/// kept only where it can appear, padded (outer side) or unmatched (ANTI), and dropped otherwise.</para>
/// <para><b>Residual condition.</b> An optional BOOLEAN <see cref="BoundExpression"/> over the concatenated row (left
/// columns, then right columns, with their input types), evaluated with <see cref="ExpressionCompiler"/> over batches
/// of candidate pairs. For INNER joins the planner may instead filter the output.</para>
/// <para><b>Late rows.</b> A row whose window already fired on this subtask (<c>window_end - 1 &lt;= watermark</c>) is
/// dropped and counted (<see cref="LeftLateRowsDropped"/>, <see cref="RightLateRowsDropped"/>). At end of input the
/// maximum watermark fires every remaining window.</para>
/// <para><b>Input.</b> Accumulating rows only (+I, +U; a retraction throws <see cref="InvalidOperationException"/>), both
/// sides hash-partitioned by their join key columns with <see cref="RecordBatchKeySelector"/> (with no key columns, a
/// single subtask). Key columns must have the same physical types on both sides; window columns must be non-null
/// TIMESTAMP or TIMESTAMP_LTZ.</para>
/// <para><b>State and timers.</b> Per join key two namespaced list states (left rows, right rows; namespace: the
/// window's start and end in microseconds) and one event-time timer per key and window at <c>window_end - 1</c>. All of
/// it lives in the keyed backend per key group: checkpointed, restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods, the timer callback included, run on the owning task's thread.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> declares (restores) the states and the timer service and compiles the
/// residual condition → batches buffer rows → watermarks fire windows; their output is gathered into batches emitted
/// before the watermark is forwarded → <see cref="Finish"/> → <see cref="Close"/>.</para>
/// </remarks>
public sealed class WindowJoinOperator : StreamOperator, ITwoInputOperator, ITimerCallback<RowKey, (long Start, long End)>
{
    private const string TimerName = "window-join";
    private const int MaxOutputBatchRows = 4096;
    private const int CandidateBatchRows = 1024;

    private static readonly ITypeSerializer<(long Start, long End)> WindowSerializer = Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private readonly WindowJoinKind _kind;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder[] _rowEncoders;
    private readonly WindowColumns[] _windows;
    private readonly bool[] _preserved;
    private readonly int _leftWidth;
    private readonly BoundExpression? _condition;
    private readonly Schema _conditionSchema;
    private readonly INamespacedListState<(long Start, long End), RowData>[] _states = new INamespacedListState<(long Start, long End), RowData>[2];
    private readonly long[] _lateRowsDropped = new long[2];
    private readonly List<int> _matchCounts = [];
    private readonly List<int> _matchedOthers = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private TimerService<RowKey, (long Start, long End)>? _timers;
    private CompiledPredicate? _predicate;
    private RecordBatchBuilder? _pending;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0.</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left equi-join columns, without the window columns (may be empty).</param>
    /// <param name="rightKeys">The right equi-join columns, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="leftWindow">The left <c>window_start</c> and <c>window_end</c> columns.</param>
    /// <param name="rightWindow">The right <c>window_start</c> and <c>window_end</c> columns.</param>
    /// <param name="kind">INNER, LEFT, RIGHT, FULL, SEMI or ANTI.</param>
    /// <param name="condition">The residual non-equi condition over left columns then right columns, or null.</param>
    /// <exception cref="ArgumentException">The key lists differ in length or physical types, or a window column is out of
    /// range or not a timestamp.</exception>
    /// <exception cref="SluiceException">The residual condition is not BOOLEAN or uses something not supported in
    /// execution.</exception>
    public WindowJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, WindowColumns leftWindow,
        WindowColumns rightWindow, WindowJoinKind kind, BoundExpression? condition = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        Joins.JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: true);
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];

        ValidateWindow(leftSchema, leftWindow, nameof(leftWindow));
        ValidateWindow(rightSchema, rightWindow, nameof(rightWindow));
        _kind = kind;
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _windows = [leftWindow, rightWindow];
        _preserved = [kind is WindowJoinKind.Left or WindowJoinKind.Full or WindowJoinKind.Anti, kind is WindowJoinKind.Right or WindowJoinKind.Full];
        _leftWidth = leftSchema.Count;
        _conditionSchema = new Schema(Concat(leftSchema.Fields, rightSchema.Fields));
        _condition = condition;
        if (condition is not null)
        {
            ExpressionCompiler.CompilePredicate(condition, _conditionSchema);
        }

        if (kind is WindowJoinKind.Semi or WindowJoinKind.Anti)
        {
            OutputSchema = leftSchema;
        }
        else
        {
            var padLeft = kind is WindowJoinKind.Right or WindowJoinKind.Full;
            var padRight = kind is WindowJoinKind.Left or WindowJoinKind.Full;
            OutputSchema = new Schema(Concat(
                leftSchema.Fields.Select(f => padLeft ? f.WithDataType(f.DataType.Nullable()) : f),
                rightSchema.Fields.Select(f => padRight ? f.WithDataType(f.DataType.Nullable()) : f)));
        }
    }

    /// <summary>The output schema: left columns then right columns, or the left schema for SEMI and ANTI.</summary>
    public Schema OutputSchema { get; }

    /// <summary>The join kind.</summary>
    public WindowJoinKind Kind => _kind;

    /// <summary>The number of left rows dropped because their window had already fired; not checkpointed.</summary>
    public long LeftLateRowsDropped => Volatile.Read(ref _lateRowsDropped[0]);

    /// <summary>The number of right rows dropped because their window had already fired; not checkpointed.</summary>
    public long RightLateRowsDropped => Volatile.Read(ref _lateRowsDropped[1]);

    /// <summary>
    /// The zone whose wall-clock times <c>window_end</c> holds (windows of a TIMESTAMP_LTZ attribute aligned in a
    /// non-UTC session time zone), converted to an instant to fire the window; null when <c>window_end</c> is UTC.
    /// </summary>
    public TimeZoneInfo? WindowEndZone { get; init; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _states[0] = _backend.GetListState(new ListStateDescriptor<RowData>("window-join-left-rows", RowDataSerializer.Instance), WindowSerializer);
        _states[1] = _backend.GetListState(new ListStateDescriptor<RowData>("window-join-right-rows", RowDataSerializer.Instance), WindowSerializer);
        _timers = context.GetTimerService(TimerName, WindowSerializer, this);
        _predicate = _condition is null ? null : ExpressionCompiler.CompilePredicate(_condition, _conditionSchema);
    }

    /// <summary>A window join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(WindowJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(WindowJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var timers = _timers!;
        var state = _states[input];
        var keyEncoder = _keyEncoders[input];
        var starts = (PrimitiveVector<long>)records.Column(_windows[input].Start);
        var ends = (PrimitiveVector<long>)records.Column(_windows[input].End);
        var watermark = Context.CurrentWatermark;
        long dropped = 0;
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            if (!records.GetRowKind(physical).IsAdditive())
            {
                throw new InvalidOperationException(
                    $"A window join takes insert-only inputs, but input {input} received a {records.GetRowKind(physical).ToShortString()} row.");
            }

            if (starts.IsNull(physical) || ends.IsNull(physical))
            {
                throw new SluiceException(
                    $"Input {input} of a window join received a row without window_start or window_end; it must come from a window table function or window aggregate.");
            }

            var end = ends.Values[physical];
            var fireAt = Windows.WindowTime.ToUtc(TemporalConversions.MicrosToMillis(end), WindowEndZone) - 1;
            if (fireAt <= watermark)
            {
                dropped++;
                continue;
            }

            if (!_preserved[input] && keyEncoder.AnyNull(records, physical))
            {
                continue;
            }

            backend.SetCurrentKey(keyEncoder.KeyOf(records, physical));
            var window = (starts.Values[physical], end);
            state.SetCurrentNamespace(window);
            state.Add(_rowEncoders[input].RowOf(records, physical));
            timers.RegisterEventTimeTimer(window, fireAt);
        }

        if (dropped > 0)
        {
            Volatile.Write(ref _lateRowsDropped[input], _lateRowsDropped[input] + dropped);
        }
    }

    /// <summary>Emits the rows of the windows this watermark fired, then forwards the watermark.</summary>
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

    void ITimerCallback<RowKey, (long Start, long End)>.OnEventTime(TimerEntry<RowKey, (long Start, long End)> timer, IOutput output)
    {
        var left = TakeRows(0, timer.Namespace);
        var right = TakeRows(1, timer.Namespace);
        if (left.Length == 0 && right.Length == 0)
        {
            return;
        }

        var keyHasNull = _keyEncoders[0].Columns.Length > 0 && Array.IndexOf(_keyEncoders[0].Decode(timer.Key.Bytes), null) >= 0;
        var leftDriven = _kind != WindowJoinKind.Right;
        var drivers = leftDriven ? left : right;
        var others = leftDriven ? right : left;
        FindMatches(drivers, others, leftDriven, keyHasNull);
        Emit(drivers, others);
        if (_pending is { RowCount: >= MaxOutputBatchRows })
        {
            Flush(output);
        }
    }

    void ITimerCallback<RowKey, (long Start, long End)>.OnProcessingTime(TimerEntry<RowKey, (long Start, long End)> timer, IOutput output)
    {
        // Event-time windows register no processing-time timers.
    }

    private static void ValidateWindow(Schema schema, WindowColumns window, string parameter)
    {
        foreach (var column in (ReadOnlySpan<int>)[window.Start, window.End])
        {
            if ((uint)column >= (uint)schema.Count || schema[column].DataType.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
            {
                throw new ArgumentException($"Window column {column} must be a TIMESTAMP or TIMESTAMP_LTZ column of {schema}.", parameter);
            }
        }
    }

    /// <summary>Left fields then right fields; a right name that is taken gets the first free numeric suffix.</summary>
    private static List<Field> Concat(IEnumerable<Field> left, IEnumerable<Field> right)
    {
        var fields = new List<Field>(left);
        var names = new HashSet<string>(fields.Select(f => f.Name), StringComparer.Ordinal);
        foreach (var field in right)
        {
            if (names.Add(field.Name))
            {
                fields.Add(field);
                continue;
            }

            for (var suffix = 0; ; suffix++)
            {
                var name = field.Name + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (names.Add(name))
                {
                    fields.Add(new Field(name, field.DataType));
                    break;
                }
            }
        }

        return fields;
    }

    /// <summary>The rows of side <paramref name="side"/> in <paramref name="window"/> (current key), in arrival order; clears them.</summary>
    private RowData[] TakeRows(int side, (long Start, long End) window)
    {
        var state = _states[side];
        state.SetCurrentNamespace(window);
        var rows = state.Get().ToArray();
        if (rows.Length > 0)
        {
            state.Clear();
        }

        return rows;
    }

    /// <summary>
    /// Fills <see cref="_matchCounts"/> (per driver row) and <see cref="_matchedOthers"/> (the matching other rows,
    /// driver by driver, each in arrival order).
    /// </summary>
    private void FindMatches(RowData[] drivers, RowData[] others, bool leftDriven, bool keyHasNull)
    {
        _matchCounts.Clear();
        _matchedOthers.Clear();
        for (var d = 0; d < drivers.Length; d++)
        {
            _matchCounts.Add(0);
        }

        if (keyHasNull || drivers.Length == 0 || others.Length == 0)
        {
            return;
        }

        if (_predicate is null)
        {
            for (var d = 0; d < drivers.Length; d++)
            {
                _matchCounts[d] = others.Length;
                for (var o = 0; o < others.Length; o++)
                {
                    _matchedOthers.Add(o);
                }
            }

            return;
        }

        var pairDrivers = new int[CandidateBatchRows];
        var pairOthers = new int[CandidateBatchRows];
        var selected = new int[CandidateBatchRows];
        using var candidates = new RecordBatchBuilder(_conditionSchema, CandidateBatchRows);
        var pairs = 0;
        for (var d = 0; d < drivers.Length; d++)
        {
            for (var o = 0; o < others.Length; o++)
            {
                var (left, right) = leftDriven ? (drivers[d], others[o]) : (others[o], drivers[d]);
                _rowEncoders[0].AppendTo(left.Bytes, candidates, 0);
                _rowEncoders[1].AppendTo(right.Bytes, candidates, _leftWidth);
                pairDrivers[pairs] = d;
                pairOthers[pairs] = o;
                if (++pairs == CandidateBatchRows)
                {
                    Evaluate(candidates, pairs, pairDrivers, pairOthers, selected);
                    pairs = 0;
                }
            }
        }

        if (pairs > 0)
        {
            Evaluate(candidates, pairs, pairDrivers, pairOthers, selected);
        }
    }

    private void Evaluate(RecordBatchBuilder candidates, int pairs, int[] pairDrivers, int[] pairOthers, int[] selected)
    {
        using var batch = candidates.Build();
        var passed = _predicate!.Filter(batch, selected);
        for (var i = 0; i < passed; i++)
        {
            var pair = selected[i];
            _matchCounts[pairDrivers[pair]]++;
            _matchedOthers.Add(pairOthers[pair]);
        }

        System.Diagnostics.Debug.Assert(batch.RowCount == pairs, "One candidate row per pair.");
    }

    private void Emit(RowData[] drivers, RowData[] others)
    {
        var builder = _pending ??= new RecordBatchBuilder(OutputSchema, 256);
        var otherMatched = _kind == WindowJoinKind.Full ? new bool[others.Length] : null;
        var next = 0;
        for (var d = 0; d < drivers.Length; d++)
        {
            var count = _matchCounts[d];
            switch (_kind)
            {
                case WindowJoinKind.Semi:
                    if (count > 0)
                    {
                        _rowEncoders[0].AppendTo(drivers[d].Bytes, builder, 0);
                    }

                    break;
                case WindowJoinKind.Anti:
                    if (count == 0)
                    {
                        _rowEncoders[0].AppendTo(drivers[d].Bytes, builder, 0);
                    }

                    break;
                default:
                    for (var m = 0; m < count; m++)
                    {
                        var o = _matchedOthers[next + m];
                        if (otherMatched is not null)
                        {
                            otherMatched[o] = true;
                        }

                        if (_kind == WindowJoinKind.Right)
                        {
                            EmitJoined(builder, others[o], drivers[d]);
                        }
                        else
                        {
                            EmitJoined(builder, drivers[d], others[o]);
                        }
                    }

                    if (count == 0 && _kind != WindowJoinKind.Inner)
                    {
                        EmitPadded(builder, _kind == WindowJoinKind.Right ? 1 : 0, drivers[d]);
                    }

                    break;
            }

            next += count;
        }

        if (otherMatched is not null)
        {
            for (var o = 0; o < others.Length; o++)
            {
                if (!otherMatched[o])
                {
                    EmitPadded(builder, 1, others[o]);
                }
            }
        }
    }

    private void EmitJoined(RecordBatchBuilder builder, RowData left, RowData right)
    {
        _rowEncoders[0].AppendTo(left.Bytes, builder, 0);
        _rowEncoders[1].AppendTo(right.Bytes, builder, _leftWidth);
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
    }

    private void Flush(IOutput output)
    {
        if (_pending is { RowCount: > 0 } pending)
        {
            output.Collect(pending.Build());
        }
    }
}
