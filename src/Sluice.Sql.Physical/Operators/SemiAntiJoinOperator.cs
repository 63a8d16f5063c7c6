using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Runtime.Operators;
using Sluice.Sql.Binding;
using Sluice.Sql.Physical.Operators.Joins;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Flink SQL's streaming semi and anti join (<c>WHERE [NOT] EXISTS</c> / <c>[NOT] IN</c> subqueries): input 0 is
/// the left changelog, input 1 the right; the output is the left rows that have (semi) or have not (anti) a right
/// row with equal keys, as a changelog of +I and -D rows. Output schema: the left schema.
/// </summary>
/// <remarks>
/// <para><b>State.</b> Per join key (<see cref="RowKey"/>; both inputs hash-partitioned by their key columns with
/// <see cref="RecordBatchKeySelector"/>): the left rows with their multiplicity, and the right rows with theirs.</para>
/// <para><b>Semantics.</b> A left +I/+U row is emitted as +I when it qualifies (semi: the key has right rows; anti:
/// it has none); a left -U/-D row as -D when it qualified. A right row that gives a key its first match emits, for
/// every stored left row of the key, +I (semi) or -D (anti); a right retraction that removes the key's last match
/// emits -D (semi) or +I (anti). Rows with a null key never match (SQL equality): semi drops them, anti keeps them
/// (as Flink's <c>NOT EXISTS</c>; <c>NOT IN</c>'s null semantics are the planner's job).</para>
/// <para><b>Residual condition.</b> With a condition beyond the key equalities (<c>EXISTS (SELECT 1 FROM b WHERE b.k =
/// a.k AND b.ts &gt; a.ts)</c>), a left row matches the right rows of its key for which the condition is TRUE over the
/// joined row (left columns, then right columns). Each stored left row then keeps its number of matches (as Flink's
/// semi/anti join keeps its associations): a right row that gives a left row its first match emits it (semi +I,
/// anti -D), one that takes its last match away retracts it (semi -D, anti +I). The state is then a map per side
/// (left: row → (count, matches), named <c>semi-left-matches</c>; right: row → count).</para>
/// <para><b>No keys.</b> Without key columns (a subquery correlated by non-equalities only) every row is stored under
/// one constant key: the planner runs the operator at parallelism 1, as Flink does.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/>
/// declares (restores) both states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class SemiAntiJoinOperator : StreamOperator, ITwoInputOperator
{
    private static readonly ITypeSerializer<(long Count, long Matches)> EntrySerializer =
        Serializers.Tuple(Serializers.Int64, Serializers.Int64);

    private static readonly RowKey AllRows = new([0x53, 0x41]);
    private readonly bool _anti;
    private readonly bool _keyed;
    private readonly JoinConditionMatcher? _matcher;
    private readonly List<(RowData Row, long Count)> _rightRows = [];
    private readonly List<(RowData Row, (long Count, long Matches) Entry)> _leftRows = [];
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowEncoder[] _rowEncoders;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _left;
    private IMapState<RowData, long>? _right;
    private IMapState<RowData, (long Count, long Matches)>? _leftMatches;

    /// <summary>Creates the operator.</summary>
    /// <param name="leftSchema">The schema of input 0 (and of the output).</param>
    /// <param name="rightSchema">The schema of input 1.</param>
    /// <param name="leftKeys">The left key columns.</param>
    /// <param name="rightKeys">The right key columns, pairwise equal to <paramref name="leftKeys"/> (same physical types).</param>
    /// <param name="anti">True for an anti join, false for a semi join.</param>
    /// <param name="stateTtl">The time-to-live of stored rows, or null.</param>
    /// <param name="condition">
    /// The residual condition over the joined row (left columns, then right columns), or null when the keys decide alone.
    /// </param>
    /// <param name="sessionTimeZone">The session time zone the condition is evaluated in; null for UTC.</param>
    /// <exception cref="ArgumentException">The keys do not pair up, or there are neither keys nor a condition.</exception>
    public SemiAntiJoinOperator(Schema leftSchema, Schema rightSchema, int[] leftKeys, int[] rightKeys, bool anti, StateTtlConfig? stateTtl = null,
        BoundExpression? condition = null, TimeZoneInfo? sessionTimeZone = null)
    {
        ArgumentNullException.ThrowIfNull(leftSchema);
        ArgumentNullException.ThrowIfNull(rightSchema);
        ArgumentNullException.ThrowIfNull(leftKeys);
        ArgumentNullException.ThrowIfNull(rightKeys);
        JoinSupport.ValidateKeys(leftSchema, rightSchema, leftKeys, rightKeys, allowEmpty: condition is not null);

        _anti = anti;
        _keyed = leftKeys.Length > 0;
        _matcher = condition is null ? null : new JoinConditionMatcher(leftSchema, rightSchema, condition, sessionTimeZone);
        _stateTtl = stateTtl;
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        OutputSchema = leftSchema;
    }

    /// <summary>The output schema: the left schema.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        if (_matcher is null)
        {
            _left = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-left-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
        }
        else
        {
            _leftMatches = _backend.GetMapState(new MapStateDescriptor<RowData, (long, long)>("semi-left-matches", RowDataSerializer.Instance, EntrySerializer) { Ttl = _stateTtl });
            _matcher.Open(context);
        }

        _right = _backend.GetMapState(new MapStateDescriptor<RowData, long>("semi-right-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = _stateTtl });
    }

    /// <inheritdoc />
    public override void Close()
    {
        _matcher?.Close();
        base.Close();
    }

    /// <summary>A join has two inputs: use <see cref="ProcessBatch(int, IBatch, IOutput)"/>.</summary>
    public override void ProcessBatch(IBatch batch, IOutput output) =>
        throw new InvalidOperationException($"{nameof(SemiAntiJoinOperator)} has two inputs; batches must name their input (0 = left, 1 = right).");

    /// <inheritdoc />
    public override void ProcessBatch(int input, IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)input, 1u, nameof(input));
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SemiAntiJoinOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        using var builder = new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
            if (_keyed && _keyEncoders[input].AnyNull(records, physical))
            {
                if (input == 0 && _anti)
                {
                    builder.AppendRowKind(additive ? RowKind.Insert : RowKind.Delete);
                    _rowEncoders[0].AppendTo(_rowEncoders[0].RowOf(records, physical).Bytes, builder, 0);
                }

                continue;
            }

            backend.SetCurrentKey(_keyed ? _keyEncoders[input].KeyOf(records, physical) : AllRows);
            var row = _rowEncoders[input].RowOf(records, physical);
            if (_matcher is not null)
            {
                if (input == 0)
                {
                    ProcessLeftWithCondition(builder, row, additive);
                }
                else
                {
                    ProcessRightWithCondition(builder, row, additive);
                }
            }
            else if (input == 0)
            {
                ProcessLeft(builder, row, additive);
            }
            else
            {
                ProcessRight(builder, row, additive);
            }
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void ProcessLeft(RecordBatchBuilder builder, RowData row, bool additive)
    {
        var matched = _right!.Entries().Any();
        var qualifies = matched != _anti;
        _left!.TryGet(row, out var count);
        if (additive)
        {
            _left.Put(row, count + 1);
            if (qualifies)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (count > 0)
        {
            if (count == 1)
            {
                _left.Remove(row);
            }
            else
            {
                _left.Put(row, count - 1);
            }

            if (qualifies)
            {
                Emit(builder, RowKind.Delete, row, 1);
            }
        }
    }

    private void ProcessRight(RecordBatchBuilder builder, RowData row, bool additive)
    {
        long total = 0;
        foreach (var (_, c) in _right!.Entries())
        {
            total += c;
        }

        _right.TryGet(row, out var count);
        if (additive)
        {
            _right.Put(row, count + 1);
            if (total == 0)
            {
                EmitLeftRows(builder, _anti ? RowKind.Delete : RowKind.Insert);
            }
        }
        else if (count > 0)
        {
            if (count == 1)
            {
                _right.Remove(row);
            }
            else
            {
                _right.Put(row, count - 1);
            }

            if (total == 1)
            {
                EmitLeftRows(builder, _anti ? RowKind.Insert : RowKind.Delete);
            }
        }
    }

    private void ProcessLeftWithCondition(RecordBatchBuilder builder, RowData row, bool additive)
    {
        var state = _leftMatches!;
        state.TryGet(row, out var current);
        if (additive)
        {
            _rightRows.Clear();
            foreach (var (right, count) in _right!.Entries())
            {
                _rightRows.Add((right, count));
            }

            _matcher!.KeepMatching(row, rowIsLeft: true, _rightRows);
            long matches = 0;
            foreach (var (_, count) in _rightRows)
            {
                matches += count;
            }

            _rightRows.Clear();
            state.Put(row, (current.Count + 1, matches));
            if ((matches > 0) != _anti)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (current.Count > 0)
        {
            if (current.Count == 1)
            {
                state.Remove(row);
            }
            else
            {
                state.Put(row, (current.Count - 1, current.Matches));
            }

            if ((current.Matches > 0) != _anti)
            {
                Emit(builder, RowKind.Delete, row, 1);
            }
        }
    }

    private void ProcessRightWithCondition(RecordBatchBuilder builder, RowData row, bool additive)
    {
        _right!.TryGet(row, out var count);
        if (additive)
        {
            _right.Put(row, count + 1);
        }
        else if (count == 0)
        {
            return;
        }
        else if (count == 1)
        {
            _right.Remove(row);
        }
        else
        {
            _right.Put(row, count - 1);
        }

        var state = _leftMatches!;
        _leftRows.Clear();
        foreach (var (left, entry) in state.Entries())
        {
            _leftRows.Add((left, entry));
        }

        _matcher!.KeepMatching(row, rowIsLeft: false, _leftRows);
        foreach (var (left, (times, matches)) in _leftRows)
        {
            if (additive)
            {
                if (matches == 0)
                {
                    Emit(builder, _anti ? RowKind.Delete : RowKind.Insert, left, times);
                }

                state.Put(left, (times, matches + 1));
            }
            else
            {
                if (matches == 1)
                {
                    Emit(builder, _anti ? RowKind.Insert : RowKind.Delete, left, times);
                }

                state.Put(left, (times, Math.Max(0, matches - 1)));
            }
        }

        _leftRows.Clear();
    }

    private void EmitLeftRows(RecordBatchBuilder builder, RowKind kind)
    {
        foreach (var (left, times) in _left!.Entries())
        {
            Emit(builder, kind, left, times);
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, RowData row, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(row.Bytes, builder, 0);
            builder.AppendRowKind(kind);
        }
    }
}
