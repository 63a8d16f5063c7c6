using Sluice.Core.Batches;
using Sluice.Core.Messages;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Runtime.Operators;
using Sluice.Runtime.Time;
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
/// their key columns with <see cref="RecordBatchKeySelector"/>) and side, the key's rows encoded back to back in one
/// block of bytes (<see cref="Joins.JoinRows"/>, in a value state: <see cref="Joins.JoinSideState"/>; the blocks are
/// slices of large pages reused as keys grow, <see cref="Joins.JoinRowsArena"/>), each with its
/// count (multiplicity) and, for an outer side only, matches: the number of rows on the other side it joins with.
/// No object per stored row: the garbage collector sees a few large pages per side, and stored rows are decoded only
/// into the output. An added row is counted on an equal stored row of its key when one is among the key's first entries,
/// except on an insert-only side (<see cref="LeftInsertOnly"/>, <see cref="RightInsertOnly"/>), where it is appended as an
/// entry of its own without the search. Optional time-to-live, per row. Snapshots of the earlier form (a map state row → (count,
/// matches) per side) restore into this one.</para>
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
/// <para><b>State cleanup.</b> With <see cref="StateCleanup"/> (derived by the planner for an inner join whose condition
/// bounds one side's rows by a watermark-bounded column of the other side), a stored row of the cleaned side expires at
/// its time plus the offset: no future row of the other side can join it once the watermark reaches that. Each key of
/// the cleaned side is scheduled in one time bucket (<see cref="Joins.JoinCleanupSchedule"/>: its oldest row's expiry
/// rounded up to <see cref="Joins.JoinStateCleanup.GranularityFor"/>), and each watermark step sweeps the keys of the
/// buckets it passed, removing their expired rows. The schedule follows from the stored rows, so it is rebuilt from
/// them on restore (at any parallelism) instead of being checkpointed.</para>
/// <para><b>Not yet.</b> Key columns must have the same physical type on both sides (the planner casts them);
/// null-safe equality (<c>IS NOT DISTINCT FROM</c>) is not supported.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) both sides' states; each
/// input batch is consumed and at most one output batch emitted; nothing is buffered between batches.</para>
/// </remarks>
public sealed class JoinOperator : StreamOperator, ITwoInputOperator
{
    private readonly JoinKind _kind;
    private readonly RowEncoder[] _keyEncoders;
    private readonly RowKeyCache[] _keys;
    private readonly RowEncoder[] _rowEncoders;
    private readonly Joins.JoinSideState[] _sides;
    private readonly bool[] _outer;
    private readonly int _leftWidth;
    private readonly List<Other> _others = [];
    private readonly BoundExpression? _condition;
    private readonly TimeZoneInfo? _timeZone;
    private CompiledPredicate? _predicate;
    private readonly Joins.EncodedJoinCondition? _encodedCondition;
    private int[] _selected = [];
    private int[] _gatherRows = [];
    private int[] _gatherOthers = [];
    private RowKind[] _gatherKinds = [];
    private int _gathered;
    private bool _gatheredNonInsert;
    private readonly Dictionary<StoredRow, int> _decoded = [];
    private bool _decodeOnce;
    private IKeyedStateBackend<RowKey>? _backend;
    private readonly Schema[] _inputSchemas;
    private readonly Joins.JoinStateCleanup? _cleanup;
    private Joins.JoinCleanupSchedule? _schedule;
    private Func<ReadOnlySpan<byte>, bool>? _expired;
    private long _cleanupThreshold;

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
        _keyEncoders = [new RowEncoder(leftSchema, leftKeys), new RowEncoder(rightSchema, rightKeys)];
        _keys = [new RowKeyCache(_keyEncoders[0]), new RowKeyCache(_keyEncoders[1])];
        _rowEncoders = [RowEncoder.AllColumns(leftSchema), RowEncoder.AllColumns(rightSchema)];
        _outer = [kind is JoinKind.Left or JoinKind.Full, kind is JoinKind.Right or JoinKind.Full];
        _sides =
        [
            new Joins.JoinSideState("join-left-rows-v2", "join-left-rows", _outer[0], stateTtl),
            new Joins.JoinSideState("join-right-rows-v2", "join-right-rows", _outer[1], stateTtl),
        ];
        _leftWidth = leftSchema.Count;
        var fields = new List<Field>();
        fields.AddRange(leftSchema.Fields.Select(f => _outer[1] ? f.WithDataType(f.DataType.Nullable()) : f));
        fields.AddRange(rightSchema.Fields.Select(f => _outer[0] ? f.WithDataType(f.DataType.Nullable()) : f));
        OutputSchema = new Schema(Joins.JoinSupport.UniqueNames(fields));
        _condition = condition;
        _timeZone = sessionTimeZone;
        _inputSchemas = [leftSchema, rightSchema];
        if (condition is not null)
        {
            // Compiled here to fail while planning; compiled again with the task's clock when opened.
            ExpressionCompiler.CompilePredicate(condition, OutputSchema);
            _encodedCondition = Joins.EncodedJoinCondition.TryCreate(condition, leftSchema, rightSchema);
        }
    }

    /// <summary>True when the residual condition is evaluated on the encoded rows (<see cref="Joins.EncodedJoinCondition"/>); for tests.</summary>
    internal bool EvaluatesConditionOnEncodedRows => _encodedCondition is not null;

    /// <summary>The output schema: left columns, then right columns (names made unique).</summary>
    public Schema OutputSchema { get; }

    /// <summary>The join kind.</summary>
    public JoinKind Kind => _kind;

    /// <summary>
    /// True to pass an inner join's input row kinds through, as Flink's StreamingJoinOperator does: an input's -U/+U
    /// join as -U/+U pairs, its +I/-D as +I/-D. False (the default) emits +I and -D only. Outer joins ignore it.
    /// </summary>
    public bool ForwardUpdateKinds { get; init; }

    /// <summary>
    /// True when input 0 (the left side) is insert-only, as the planner knows from its changelog mode: its rows are then
    /// stored without looking for an equal stored row to count them on (each is an entry of its own, the same multiset),
    /// which saves reading the key's entries on every insert. Not part of the state: snapshots restore either way.
    /// </summary>
    public bool LeftInsertOnly
    {
        get => _sides[0].InsertOnly;
        init => _sides[0].InsertOnly = value;
    }

    /// <summary>As <see cref="LeftInsertOnly"/>, for input 1 (the right side).</summary>
    public bool RightInsertOnly
    {
        get => _sides[1].InsertOnly;
        init => _sides[1].InsertOnly = value;
    }

    /// <summary>
    /// The exact cleanup of one side's rows by the watermark (see the remarks), or null to keep every row. Only for an inner
    /// join; the column must be a TIMESTAMP of precision at most 6.
    /// </summary>
    /// <exception cref="ArgumentException">The join is not inner, or the column is not such a TIMESTAMP.</exception>
    public Joins.JoinStateCleanup? StateCleanup
    {
        get => _cleanup;
        init
        {
            if (value is not null)
            {
                if (_kind != JoinKind.Inner || value.Side is not (0 or 1))
                {
                    throw new ArgumentException("State cleanup applies to a side of an inner join only.", nameof(value));
                }

                var schema = _inputSchemas[value.Side];
                if ((uint)value.Column >= (uint)schema.Count || schema[value.Column].DataType is not { TypeId: TypeId.Timestamp, Precision: <= 6 })
                {
                    throw new ArgumentException($"The state cleanup's column {value.Column} is not a TIMESTAMP(p <= 6) of {schema}.", nameof(value));
                }
            }

            _cleanup = value;
        }
    }

    /// <summary>The number of stored entries (distinct rows per key) of <paramref name="side"/>, over every key; for tests.</summary>
    internal long StoredEntries(int side)
    {
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        return _sides[side].CountEntries(backend);
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _sides[0].Open(_backend, context.TimeProvider);
        _sides[1].Open(_backend, context.TimeProvider);
        if (_cleanup is { } cleanup)
        {
            _schedule = new Joins.JoinCleanupSchedule(Joins.JoinStateCleanup.GranularityFor(cleanup.OffsetMillis));
            var encoder = _rowEncoders[cleanup.Side];
            // A row without a time never satisfies the bound's comparison again: it goes too.
            _expired = row => !encoder.TryReadInt64(row, cleanup.Column, out var micros) || Expiry(micros) <= _cleanupThreshold;

            // The schedule is not checkpointed: every restored key of the cleaned side goes into its oldest row's bucket.
            // (Snapshots taken with one cleanup timer per key still hold those timers under "join-state-cleanup"; they are
            // not declared any more, and the keys they were for are scheduled here.)
            var side = _sides[cleanup.Side];
            foreach (var key in side.Keys())
            {
                _backend.SetCurrentKey(key);
                var rows = side.Load(side.Now());
                if (!rows.IsEmpty)
                {
                    Schedule(key, side.Layout.Row(rows.Buffer!, rows.Offset));
                }
            }
        }

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
        var inputSide = _sides[input];
        var otherSide = _sides[other];
        var layout = otherSide.Layout;
        var encoder = _rowEncoders[input];
        // An inner join never pads, so each output row is an input row and a stored row: the input rows' columns are
        // gathered from the batch at the end (one pass per column), and only the stored rows are decoded, into a builder of
        // the other side's columns. Outer joins decode both into the full output.
        var gather = _kind == JoinKind.Inner;
        _gathered = 0;
        _gatheredNonInsert = false;
        // Without a time-to-live an inner join leaves the other side's rows where they are while a batch of this side is
        // processed (only this side's rows are added and retracted, in this side's own arena), so a stored row is known by
        // where it is, and a row that several input rows join (a hot auction's) is decoded once per batch.
        _decodeOnce = gather && !otherSide.HasTtl;
        _decoded.Clear();
        using var builder = gather
            ? new RecordBatchBuilder(_inputSchemas[other], Math.Max(16, records.RowCount))
            : new RecordBatchBuilder(OutputSchema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var rowKind = records.GetRowKind(physical);
            var additive = rowKind.IsAdditive();
            var joinedKind = ForwardUpdateKinds && _kind == JoinKind.Inner ? rowKind : additive ? RowKind.Insert : RowKind.Delete;
            if (_keyEncoders[input].AnyNull(records, physical))
            {
                if (inputOuter)
                {
                    EmitPadded(builder, additive ? RowKind.Insert : RowKind.Delete, input, encoder.EncodeToScratch(records, physical));
                }

                continue;
            }

            // The row's bytes live in the encoder's scratch buffer until the next row is encoded.
            var row = encoder.EncodeToScratch(records, physical);
            var key = _keys[input].KeyOf(records, physical);
            backend.SetCurrentKey(key);
            var now = inputSide.Now();
            var others = otherSide.Load(now);
            var buffer = others.Buffer;
            _others.Clear();
            var end = others.End;
            for (var entry = others.Offset; entry < end; entry = layout.Next(buffer!, entry))
            {
                _others.Add(new Other(entry, Joins.JoinRowsLayout.Count(buffer!, entry), layout.Matches(buffer!, entry)));
            }

            if (_predicate is not null && _others.Count > 0)
            {
                KeepMatching(input, row, buffer!);
            }

            long otherTotal = 0;
            foreach (var match in _others)
            {
                otherTotal += match.Count;
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
                        foreach (var match in _others)
                        {
                            if (match.Matches == 0)
                            {
                                EmitPadded(builder, RowKind.Delete, other, layout.Row(buffer!, match.Entry), match.Count);
                            }

                            layout.SetMatches(buffer!, match.Entry, match.Matches + 1);
                            layout.SetTimestamp(buffer!, match.Entry, now);
                        }

                        TouchOthers(otherSide, others);
                    }

                    foreach (var match in _others)
                    {
                        if (gather)
                        {
                            EmitGathered(builder, joinedKind, other, physical, buffer!, match.Entry, match.Count);
                        }
                        else
                        {
                            EmitJoined(builder, joinedKind, input, row, layout.Row(buffer!, match.Entry), match.Count);
                        }
                    }
                }

                var firstOfKey = inputSide.Add(row, inputOuter ? otherTotal : 0, now);
                if (firstOfKey && _schedule is not null && _cleanup!.Side == input)
                {
                    Schedule(key, row);
                }
            }
            else
            {
                inputSide.Retract(row, now);
                if (otherTotal == 0)
                {
                    if (inputOuter)
                    {
                        EmitPadded(builder, RowKind.Delete, input, row);
                    }
                }
                else
                {
                    foreach (var match in _others)
                    {
                        if (gather)
                        {
                            EmitGathered(builder, joinedKind, other, physical, buffer!, match.Entry, match.Count);
                        }
                        else
                        {
                            EmitJoined(builder, joinedKind, input, row, layout.Row(buffer!, match.Entry), match.Count);
                        }
                    }

                    if (otherOuter)
                    {
                        foreach (var match in _others)
                        {
                            if (match.Matches == 1)
                            {
                                EmitPadded(builder, RowKind.Insert, other, layout.Row(buffer!, match.Entry), match.Count);
                            }

                            layout.SetMatches(buffer!, match.Entry, Math.Max(0, match.Matches - 1));
                            layout.SetTimestamp(buffer!, match.Entry, now);
                        }

                        TouchOthers(otherSide, others);
                    }
                }
            }
        }

        _others.Clear();
        _decoded.Clear();
        inputSide.CompactIfWasteful();
        if (gather ? _gathered > 0 : builder.RowCount > 0)
        {
            output.Collect(gather ? BuildGathered(builder, input, records) : builder.Build());
        }
    }

    /// <summary>
    /// The output of an inner join's batch: the input rows' columns gathered from <paramref name="records"/> at the rows
    /// <see cref="EmitGathered"/> noted, and the stored rows' columns from <paramref name="others"/>, with the noted row kinds.
    /// </summary>
    private RecordBatch BuildGathered(RecordBatchBuilder others, int input, RecordBatch records)
    {
        var rows = _gatherRows.AsSpan(0, _gathered);
        var columns = new Core.Vectors.ColumnVector[OutputSchema.Count];
        var inputOffset = input == 0 ? 0 : _leftWidth;
        var otherOffset = input == 0 ? _leftWidth : 0;
        for (var c = 0; c < _inputSchemas[input].Count; c++)
        {
            columns[inputOffset + c] = records.Column(c).Gather(rows);
        }

        // Each stored row was decoded once (see EmitGathered): when some were joined more than once, their columns are
        // gathered too.
        var repeated = others.RowCount != _gathered;
        var otherRows = _gatherOthers.AsSpan(0, _gathered);
        for (var c = 0; c < _inputSchemas[1 - input].Count; c++)
        {
            if (repeated)
            {
                using var decoded = others.Column(c).Build();
                columns[otherOffset + c] = decoded.Gather(otherRows);
            }
            else
            {
                columns[otherOffset + c] = others.Column(c).Build();
            }
        }

        return new RecordBatch(OutputSchema, columns, _gatheredNonInsert ? _gatherKinds.AsSpan(0, _gathered) : default);
    }

    /// <summary>
    /// Appends <paramref name="times"/> joined rows of an inner join: the stored row at <paramref name="entry"/> of
    /// <paramref name="buffer"/> (side <paramref name="other"/>) decoded into <paramref name="builder"/> (that side's
    /// columns only; once per batch when <see cref="_decodeOnce"/>, its position remembered), and the input row's physical
    /// position noted for <see cref="BuildGathered"/>.
    /// </summary>
    private void EmitGathered(RecordBatchBuilder builder, RowKind kind, int other, int physical, byte[] buffer, int entry, long times)
    {
        int decoded;
        if (_decodeOnce)
        {
            ref var slot = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_decoded, new StoredRow(buffer, entry), out var exists);
            if (!exists)
            {
                slot = builder.RowCount;
                _rowEncoders[other].AppendTo(_sides[other].Layout.Row(buffer, entry), builder, 0);
            }

            decoded = slot;
        }
        else
        {
            decoded = -1;
        }

        for (var n = 0; n < times; n++)
        {
            if (_gathered == _gatherRows.Length)
            {
                Array.Resize(ref _gatherRows, Math.Max(1024, _gatherRows.Length * 2));
                Array.Resize(ref _gatherOthers, _gatherRows.Length);
                Array.Resize(ref _gatherKinds, _gatherRows.Length);
            }

            if (decoded < 0)
            {
                _gatherOthers[_gathered] = builder.RowCount;
                _rowEncoders[other].AppendTo(_sides[other].Layout.Row(buffer, entry), builder, 0);
            }
            else
            {
                _gatherOthers[_gathered] = decoded;
            }

            _gatherKinds[_gathered] = kind;
            _gatherRows[_gathered++] = physical;
            _gatheredNonInsert |= kind != RowKind.Insert;
        }
    }

    /// <summary>
    /// Schedules the sweep of a key of the cleaned side whose first stored row is <paramref name="first"/>: at the row's
    /// expiry (see <see cref="Expiry"/>), or at the next watermark step when the row has no time. Each key with rows is
    /// scheduled once, at or after the expiry of its oldest stored row; the sweep removes the key's expired rows from the
    /// front (rows are stored in arrival order, which is time order unless rows are late) up to the first one that has not
    /// expired, and schedules the key again at that row's expiry. A late row behind a later one is so removed later than it
    /// could be, which is still exact.
    /// </summary>
    private void Schedule(RowKey key, ReadOnlySpan<byte> first)
    {
        var expiry = _rowEncoders[_cleanup!.Side].TryReadInt64(first, _cleanup.Column, out var micros) ? Expiry(micros) : long.MinValue;
        _schedule!.Add(key, expiry);
    }

    /// <summary>
    /// The watermark at which a stored row whose time is <paramref name="micros"/> (microseconds) can be removed: its time
    /// in milliseconds rounded up, plus the cleanup's offset (saturating).
    /// </summary>
    private long Expiry(long micros)
    {
        var millis = -TemporalConversions.FloorDiv(-micros, 1000);
        return Joins.JoinSupport.SaturatingAdd(millis, _cleanup!.OffsetMillis);
    }

    /// <summary>Sweeps the keys whose buckets the watermark passed (see <see cref="StateCleanup"/>), then forwards the watermark.</summary>
    public override void ProcessWatermark(Watermark watermark, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        // At the end of the input no row comes any more, so removing rows would change nothing (and cost a pass over all).
        if (_schedule is not null && watermark.Timestamp != long.MaxValue)
        {
            Sweep(watermark.Timestamp);
        }

        base.ProcessWatermark(watermark, output);
    }

    /// <summary>Removes the expired rows of every key scheduled at or before <paramref name="watermark"/>, and schedules the keys that keep rows again.</summary>
    private void Sweep(long watermark)
    {
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var schedule = _schedule!;
        var side = _sides[_cleanup!.Side];
        _cleanupThreshold = watermark;
        var now = side.Now();
        while (schedule.TryTakeDue(watermark, out var keys))
        {
            foreach (var key in keys)
            {
                backend.SetCurrentKey(key);
                var kept = side.RemoveLeading(_expired!, now, out var removed);
                if (removed > 0 && !kept.IsEmpty)
                {
                    // The first row left has not expired: its expiry is after the watermark, so it lands in a later bucket.
                    Schedule(key, side.Layout.Row(kept.Buffer!, kept.Offset));
                }
            }

            schedule.Recycle(keys);
        }
    }

    /// <summary>Stores the other side's rows again after their entries changed in place, so that their time-to-live starts over.</summary>
    private static void TouchOthers(Joins.JoinSideState side, Joins.JoinRows rows)
    {
        if (side.HasTtl)
        {
            side.Store(rows);
        }
    }

    /// <summary>Keeps in <see cref="_others"/> the rows for which the residual condition holds with <paramref name="row"/>.</summary>
    private void KeepMatching(int input, ReadOnlySpan<byte> row, byte[] buffer)
    {
        var layout = _sides[1 - input].Layout;
        if (_encodedCondition is { } encoded)
        {
            // On the encoded rows: no pair is decoded, only the compared columns are read.
            var matching = 0;
            if (encoded.LoadProbe(input, row))
            {
                for (var k = 0; k < _others.Count; k++)
                {
                    if (encoded.Matches(layout.Row(buffer, _others[k].Entry)))
                    {
                        _others[matching++] = _others[k];
                    }
                }
            }

            _others.RemoveRange(matching, _others.Count - matching);
            return;
        }

        using var pairs = new RecordBatchBuilder(OutputSchema, _others.Count);
        foreach (var match in _others)
        {
            var otherRow = layout.Row(buffer, match.Entry);
            _rowEncoders[0].AppendTo(input == 0 ? row : otherRow, pairs, 0);
            _rowEncoders[1].AppendTo(input == 0 ? otherRow : row, pairs, _leftWidth);
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

    private void EmitJoined(RecordBatchBuilder builder, RowKind kind, int input, ReadOnlySpan<byte> row, ReadOnlySpan<byte> otherRow, long times)
    {
        var left = input == 0 ? row : otherRow;
        var right = input == 0 ? otherRow : row;
        for (var n = 0; n < times; n++)
        {
            _rowEncoders[0].AppendTo(left, builder, 0);
            _rowEncoders[1].AppendTo(right, builder, _leftWidth);
            builder.AppendRowKind(kind);
        }
    }

    private void EmitPadded(RecordBatchBuilder builder, RowKind kind, int side, ReadOnlySpan<byte> row, long times = 1)
    {
        for (var n = 0; n < times; n++)
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

            builder.AppendRowKind(kind);
        }
    }

    /// <summary>Where a stored row is: its block's buffer (by reference) and its entry's offset.</summary>
    private readonly struct StoredRow(byte[] buffer, int entry) : IEquatable<StoredRow>
    {
        private readonly byte[] _buffer = buffer;
        private readonly int _entry = entry;

        public bool Equals(StoredRow other) => ReferenceEquals(_buffer, other._buffer) && _entry == other._entry;

        public override bool Equals(object? obj) => obj is StoredRow other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_buffer), _entry);
    }

    /// <summary>A stored row of the other side that the probing row meets: its entry's offset, count and matches when loaded.</summary>
    private readonly record struct Other(int Entry, int Count, long Matches);
}
