using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Expressions;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Flink SQL's regular (unbounded, updating) equi-join of two changelogs: input 0 is the left side, input 1 the
/// right. Output schema: the left columns, then the right columns (the padded side of an outer join nullable; no
/// row-time attribute).
/// </summary>
/// <remarks>
/// <para><b>State.</b> Per join key (<see cref="RowKey"/> of the key columns; both sides must be hash-partitioned by
/// their key columns with <see cref="RecordBatchKeySelector"/>) one map state per side: row → (count, matches),
/// where count is the row's multiplicity and matches, kept for an outer side only, the number of rows on the other
/// side it joins with. Optional time-to-live.</para>
/// <para><b>Semantics</b> (as Flink's StreamingJoinOperator; the output is +I and -D rows only, or for an inner join
/// with <see cref="ForwardUpdateKinds"/> each input row's own kind, so -U/+U in give -U/+U out). An accumulating row
/// (+I/+U): without matches, an outer side emits +I(row, nulls); with matches, an outer other side first emits
/// -D(nulls, other) for every other row that had no match, then +I(row, other) per matching row (with multiplicity).
/// A retracting row (-U/-D) reverses that: -D(row, nulls) without matches, else -D(row, other) per match and then,
/// for an outer other side, +I(nulls, other) for every other row that lost its last match. A row with a null in a key
/// column never matches (SQL equality): it is emitted padded by an outer side and dropped by an inner one, without
/// state.</para>
/// <para><b>Residual condition.</b> With a condition beyond the key equalities (<c>ON a.k = b.k AND a.x &lt; b.y</c>),
/// two rows of one key match only when it is true for them: only they are joined, and "matches" above counts them, so an
/// outer row whose key matches but whose condition does not is emitted padded, and is retracted (-D) when a row it
/// matches arrives. The condition is evaluated over the joined row (left columns, then right columns).</para>
/// <para><b>Not yet.</b> Key columns must have the same physical type on both sides (the planner casts them);
/// null-safe equality (<c>IS NOT DISTINCT FROM</c>) is not supported.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) both map states; each
/// input batch is consumed and at most one output batch emitted; nothing is buffered between batches.</para>
/// </remarks>
public sealed class JoinOperator : StreamOperator, ITwoInputOperator
{
    private static readonly ITypeSerializer<(long Count, long Matches)> EntrySerializer =
        Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private readonly JoinKind _kind;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowKeyCache[] _keys;
    private readonly RowEncoder[] _rowEncoders;
    private readonly Joins.RowDataCache[] _rows;
    private readonly bool[] _outer;
    private readonly int _leftWidth;
    private readonly List<(RowData Row, long Count, long Matches)> _others = [];
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo? _timeZone;
    private CompiledPredicate? _predicate;
    private int[] _selected = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private readonly IMapState<RowData, (long Count, long Matches)>[] _states = new IMapState<RowData, (long Count, long Matches)>[2];

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0.</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left equi-join columns.</param>
    /// <param name="rightKeys">The right equi-join columns, pairwise equal to <paramref name="leftKeys"/>.</param>
    /// <param name="kind">Inner, left, right or full outer.</param>
    /// <param name="stateTtl">The time-to-live of the stored rows, or null to keep them forever.</param>
    /// <param name="condition">
    /// The residual condition over the joined row (left columns, then right columns), or null when the keys decide alone.
    /// </param>
    /// <param name="sessionTimeZone">The session time zone the condition is evaluated in; null for UTC.</param>
    /// <exception cref="ArgumentException">The key lists differ in length or in physical types, or the condition does not compile.</exception>
    public JoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, JoinKind kind, StateTtlConfig? stateTtl = null,
        BoundExpression? condition = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        Joins.JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: condition is not null);

        _kind = kind;
        _stateTtl = stateTtl;
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _keys = [new RowKeyCache(_keyEncoders[0]), new RowKeyCache(_keyEncoders[1])];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _rows = [new Joins.RowDataCache(RowEncoder.AllColumns(leftSchema)), new Joins.RowDataCache(RowEncoder.AllColumns(rightSchema))];
        _outer = [kind is JoinKind.Left or JoinKind.Full, kind is JoinKind.Right or JoinKind.Full];
        _leftWidth = leftSchema.Count;
        var fields = new List<Field>();
        fields.AddRange(leftSchema.Fields.Select(f => _outer[1] ? f.WithDataType(f.DataType.Nullable()) : f));
        fields.AddRange(rightSchema.Fields.Select(f => _outer[0] ? f.WithDataType(f.DataType.Nullable()) : f));
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(fields));
        _condition = condition;
        _timeZone = sessionTimeZone;
        if (condition is not null)
        {
            // Compiled here to fail while planning; compiled again with the task's clock when opened.
            ExpressionCompiler.CompilePredicate(condition, OutputSchema);
        }
    }

    /// <summary>The output schema: left columns, then right columns (names made unique).</summary>
    public Schema OutputSchema { get; }

    /// <summary>The join kind.</summary>
    public JoinKind Kind => _kind;

    /// <summary>
    /// True to pass an inner join's input row kinds through, as Flink's StreamingJoinOperator does: an input's -U/+U
    /// join as -U/+U pairs, its +I/-D as +I/-D. False (the default) emits +I and -D only. Outer joins ignore it.
    /// </summary>
    public bool ForwardUpdateKinds { get; init; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _states[0] = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("join-left-rows", RowDataSerializer.Instance, EntrySerializer) { Ttl = _stateTtl });
        _states[1] = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("join-right-rows", RowDataSerializer.Instance, EntrySerializer) { Ttl = _stateTtl });
        _predicate = _condition is null
            ? null
            : ExpressionCompiler.CompilePredicate(_condition, OutputSchema, new ExpressionEnvironment(_timeZone ?? TimeZoneInfo.Utc, context.TimeProvider));
    }

    /// <inheritdoc />
    public override void Close()
    {
        _predicate?.Expression.CloseFunctions();
        base.Close();
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(JoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(JoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var other = 1 - input;
        var inputOuter = _outer[input];
        var otherOuter = _outer[other];
        var inputState = _states[input];
        var otherState = _states[other];
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var rowKind = records.GetRowKind(physical);
            var additive = rowKind.IsAdditive();
            var joinedKind = ForwardUpdateKinds && _kind == JoinKind.Inner ? rowKind : additive ? RowKind.Insert : RowKind.Delete;
            var row = _rows[input].RowOf(records, physical);
            if (_keyEncoders[input].AnyNull(records, physical))
            {
                if (inputOuter)
                {
                    EmitPadded(builder, additive ? RowKind.Insert : RowKind.Delete, input, row);
                }

                continue;
            }

            backend.SetCurrentKey(_keys[input].KeyOf(records, physical));
            _others.Clear();
            long otherTotal = 0;
            foreach (var (otherRow, (count, matches)) in otherState.Entries())
            {
                _others.Add((otherRow, count, matches));
            }

            if (_predicate is not null && _others.Count > 0)
            {
                KeepMatching(input, row);
            }

            foreach (var (_, count, _) in _others)
            {
                otherTotal += count;
            }

            if (additive)
            {
                if (otherTotal == 0)
                {
                    if (inputOuter)
                    {
                        EmitPadded(builder, RowKind.Insert, input, row);
                    }
                }
                else
                {
                    if (otherOuter)
                    {
                        foreach (var (otherRow, count, matches) in _others)
                        {
                            if (matches == 0)
                            {
                                EmitPadded(builder, RowKind.Delete, other, otherRow, count);
                            }

                            otherState.Put(otherRow, (count, matches + 1));
                        }
                    }

                    foreach (var (otherRow, count, _) in _others)
                    {
                        EmitJoined(builder, joinedKind, input, row, otherRow, count);
                    }
                }

                inputState.TryGet(row, out var current);
                inputState.Put(row, (current.Count + 1, inputOuter ? otherTotal : 0));
            }
            else
            {
                if (inputState.TryGet(row, out var current))
                {
                    if (current.Count <= 1)
                    {
                        inputState.Remove(row);
                    }
                    else
                    {
                        inputState.Put(row, (current.Count - 1, current.Matches));
                    }
                }

                if (otherTotal == 0)
                {
                    if (inputOuter)
                    {
                        EmitPadded(builder, RowKind.Delete, input, row);
                    }
                }
                else
                {
                    foreach (var (otherRow, count, _) in _others)
                    {
                        EmitJoined(builder, joinedKind, input, row, otherRow, count);
                    }

                    if (otherOuter)
                    {
                        foreach (var (otherRow, count, matches) in _others)
                        {
                            if (matches == 1)
                            {
                                EmitPadded(builder, RowKind.Insert, other, otherRow, count);
                            }

                            otherState.Put(otherRow, (count, Math.Max(0, matches - 1)));
                        }
                    }
                }
            }
        }

        _others.Clear();
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    /// <summary>Keeps in <see cref="_others"/> the rows for which the residual condition holds with <paramref name="row"/>.</summary>
    private void KeepMatching(int input, RowData row)
    {
        using var pairs = new RecordBatchBuilder(OutputSchema, _others.Count);
        foreach (var (otherRow, _, _) in _others)
        {
            var (left, right) = input == 0 ? (row, otherRow) : (otherRow, row);
            _rowEncoders[0].AppendTo(left.Bytes, pairs, 0);
            _rowEncoders[1].AppendTo(right.Bytes, pairs, _leftWidth);
        }

        using var batch = pairs.Build();
        if (_selected.Length < _others.Count)
        {
            _selected = new int[Math.Max(16, _others.Count * 2)];
        }

        var kept = _predicate!.Filter(batch, _selected);
        for (var k = 0; k < kept; k++)
        {
            _others[k] = _others[_selected[k]];
        }

        _others.RemoveRange(kept, _others.Count - kept);
    }

    private void EmitJoined(RecordBatchBuilder builder, RowKind kind, int input, RowData row, RowData otherRow, long times)
    {
        var (left, right) = input == 0 ? (row, otherRow) : (otherRow, row);
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(left.Bytes, builder, 0);
            _rowEncoders[1].AppendTo(right.Bytes, builder, _leftWidth);
            builder.AppendRowKind(kind);
        }
    }

    private void EmitPadded(RecordBatchBuilder builder, RowKind kind, int side, RowData row, long times = 1)
    {
        for (var n = 0; n < times; n++)
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

            builder.AppendRowKind(kind);
        }
    }
}
