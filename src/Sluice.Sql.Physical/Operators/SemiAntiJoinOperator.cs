using Sluice.Core.Batches;
using Sluice.Core.Schemas;
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
/// <see cref="RecordBatchKeySelector"/>) and side, the key's rows with their multiplicity, encoded back to back in one
/// block of bytes (<see cref="JoinSideState"/>, as the regular join keeps them: blocks of pooled pages, no object per
/// row; decoded only into the output). Snapshots of the earlier form (a map state row → count per side, and
/// row → (count, matches) for the left side with a condition) restore into this one.</para>
/// <para><b>Semantics.</b> A left +I/+U row is emitted as +I when it qualifies (semi: the key has right rows; anti:
/// it has none); a left -U/-D row as -D when it qualified. A right row that gives a key its first match emits, for
/// every stored left row of the key, +I (semi) or -D (anti); a right retraction that removes the key's last match
/// emits -D (semi) or +I (anti). Rows with a null key never match (SQL equality): semi drops them, anti keeps them
/// (as Flink's <c>NOT EXISTS</c>; <c>NOT IN</c>'s null semantics are the planner's job).</para>
/// <para><b>Residual condition.</b> With a condition beyond the key equalities (<c>EXISTS (SELECT 1 FROM b WHERE b.k =
/// a.k AND b.ts &gt; a.ts)</c>), a left row matches the right rows of its key for which the condition is TRUE over the
/// joined row (left columns, then right columns). Each stored left row then keeps its number of matches (as Flink's
/// semi/anti join keeps its associations): a right row that gives a left row its first match emits it (semi +I,
/// anti -D), one that takes its last match away retracts it (semi -D, anti +I). The left rows' entries then carry it
/// (a state named <c>semi-left-matches-v2</c> instead of <c>semi-left-rows-v2</c>).</para>
/// <para><b>No keys.</b> Without key columns (a subquery correlated by non-equalities only) every row is stored under
/// one constant key: the planner runs the operator at parallelism 1, as Flink does.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread. <b>Lifecycle.</b> <see cref="Open"/>
/// declares (restores) both states; each input batch emits at most one output batch; nothing is buffered.</para>
/// </remarks>
public sealed class SemiAntiJoinOperator : StreamOperator, ITwoInputOperator
{
    private static readonly RowKey AllRows = new([0x53, 0x41]);
    private readonly bool _anti;
    private readonly bool _keyed;
    private readonly JoinConditionMatcher? _matcher;
    private readonly List<int> _entries = [];
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowKeyCache[] _keys;
    private readonly RowEncoder[] _rowEncoders;
    private readonly JoinSideState _left;
    private readonly JoinSideState _right;
    private IKeyedStateBackend<RowKey>? _backend;

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
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _keys = [new RowKeyCache(_keyEncoders[0]), new RowKeyCache(_keyEncoders[1])];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _left = condition is null
            ? new JoinSideState("semi-left-rows-v2", "semi-left-rows", outer: false, stateTtl, legacyCountsOnly: true)
            : new JoinSideState("semi-left-matches-v2", "semi-left-matches", outer: true, stateTtl);
        _right = new JoinSideState("semi-right-rows-v2", "semi-right-rows", outer: false, stateTtl, legacyCountsOnly: true);
        OutputSchema = leftSchema;
    }

    /// <summary>The output schema: the left schema.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _left.Open(_backend, context.TimeProvider);
        _right.Open(_backend, context.TimeProvider);
        _matcher?.Open(context);
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
                    Emit(builder, additive ? RowKind.Insert : RowKind.Delete, _rowEncoders[0].EncodeToScratch(records, physical), 1);
                }

                continue;
            }

            backend.SetCurrentKey(_keyed ? _keys[input].KeyOf(records, physical) : AllRows);

            // The row's bytes live in the encoder's scratch buffer until the next row is encoded.
            var row = _rowEncoders[input].EncodeToScratch(records, physical);
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

        (input == 0 ? _left : _right).CompactIfWasteful();
        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void ProcessLeft(RecordBatchBuilder builder, ReadOnlySpan<byte> row, bool additive)
    {
        var now = _left.Now();
        var matched = !_right.Load(now).IsEmpty;
        var qualifies = matched != _anti;
        if (additive)
        {
            _left.Add(row, 0, now);
            if (qualifies)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (_left.Retract(row, now) && qualifies)
        {
            Emit(builder, RowKind.Delete, row, 1);
        }
    }

    private void ProcessRight(RecordBatchBuilder builder, ReadOnlySpan<byte> row, bool additive)
    {
        var now = _right.Now();
        var rights = _right.Load(now);
        long total = 0;
        for (var entry = rights.Offset; entry < rights.End; entry = _right.Layout.Next(rights.Buffer!, entry))
        {
            total += JoinRowsLayout.Count(rights.Buffer!, entry);
        }

        if (additive)
        {
            _right.Add(row, 0, now);
            if (total == 0)
            {
                EmitLeftRows(builder, _anti ? RowKind.Delete : RowKind.Insert, now);
            }
        }
        else if (_right.Retract(row, now) && total == 1)
        {
            EmitLeftRows(builder, _anti ? RowKind.Insert : RowKind.Delete, now);
        }
    }

    private void ProcessLeftWithCondition(RecordBatchBuilder builder, ReadOnlySpan<byte> row, bool additive)
    {
        var now = _left.Now();
        if (additive)
        {
            var rights = _right.Load(now);
            var layout = _right.Layout;
            _entries.Clear();
            for (var entry = rights.Offset; entry < rights.End; entry = layout.Next(rights.Buffer!, entry))
            {
                _entries.Add(entry);
            }

            long matches = 0;
            if (_entries.Count > 0)
            {
                _matcher!.KeepMatching(row, rowIsLeft: true, layout, rights.Buffer!, _entries);
                foreach (var entry in _entries)
                {
                    matches += JoinRowsLayout.Count(rights.Buffer!, entry);
                }
            }

            _entries.Clear();
            _left.Add(row, matches, now);
            if ((matches > 0) != _anti)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (_left.Retract(row, now, out var matches) && (matches > 0) != _anti)
        {
            Emit(builder, RowKind.Delete, row, 1);
        }
    }

    private void ProcessRightWithCondition(RecordBatchBuilder builder, ReadOnlySpan<byte> row, bool additive)
    {
        var now = _right.Now();
        if (additive)
        {
            _right.Add(row, 0, now);
        }
        else if (!_right.Retract(row, now))
        {
            return;
        }

        var lefts = _left.Load(now);
        if (lefts.IsEmpty)
        {
            return;
        }

        var layout = _left.Layout;
        var buffer = lefts.Buffer!;
        _entries.Clear();
        for (var entry = lefts.Offset; entry < lefts.End; entry = layout.Next(buffer, entry))
        {
            _entries.Add(entry);
        }

        _matcher!.KeepMatching(row, rowIsLeft: false, layout, buffer, _entries);
        foreach (var entry in _entries)
        {
            // Changed in place: the state holds this very block.
            var times = JoinRowsLayout.Count(buffer, entry);
            var matches = layout.Matches(buffer, entry);
            if (additive)
            {
                if (matches == 0)
                {
                    Emit(builder, _anti ? RowKind.Delete : RowKind.Insert, layout.Row(buffer, entry), times);
                }

                layout.SetMatches(buffer, entry, matches + 1);
            }
            else
            {
                if (matches == 1)
                {
                    Emit(builder, _anti ? RowKind.Insert : RowKind.Delete, layout.Row(buffer, entry), times);
                }

                layout.SetMatches(buffer, entry, Math.Max(0, matches - 1));
            }

            layout.SetTimestamp(buffer, entry, now);
        }

        if (_entries.Count > 0 && _left.HasTtl)
        {
            // Stored again so that the key's time-to-live starts over with its rows'.
            _left.Store(lefts);
        }

        _entries.Clear();
    }

    private void EmitLeftRows(RecordBatchBuilder builder, RowKind kind, long now)
    {
        var lefts = _left.Load(now);
        var layout = _left.Layout;
        for (var entry = lefts.Offset; entry < lefts.End; entry = layout.Next(lefts.Buffer!, entry))
        {
            Emit(builder, kind, layout.Row(lefts.Buffer!, entry), JoinRowsLayout.Count(lefts.Buffer!, entry));
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, ReadOnlySpan<byte> row, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(row, builder, 0);
            builder.AppendRowKind(kind);
        }
    }
}
