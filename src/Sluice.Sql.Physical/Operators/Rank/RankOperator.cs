using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Flink SQL's unbounded Top-N: <c>SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY p ORDER BY s) AS rn
/// FROM t) WHERE rn &lt;= N</c> (or <c>rn = 1</c>, <c>rn BETWEEN a AND b</c>; also <c>RANK()</c> and
/// <c>DENSE_RANK()</c>) over an insert-only or updating input. Per partition it keeps the rows in sort order and emits
/// the retract changelog of the rows whose rank is in the range. Output schema: the input columns, then, when a rank
/// column name is given, the rank as <c>BIGINT NOT NULL</c>.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> Rows are ordered by the sort keys (<see cref="RankSortKey"/>); rows with equal sort keys by
/// arrival. A retraction (-U/-D) removes the first stored row equal to it (all columns) among the rows with its sort
/// key; a retraction of a row that is not stored is ignored, as <see cref="GroupAggregateOperator"/> does.</para>
/// <para><b>ROW_NUMBER</b> (exactly as Flink's <c>RetractableTopNFunction</c> and <c>AppendOnlyTopNFunction</c>).
/// With the rank column, per input row: an accumulating row landing at position p shifts the rows after it, and for
/// every position r from p to the range end that the shift touches, in order, the operator emits
/// -U(old occupant, r) +U(new occupant, r), or +I(row, r) for a position that was empty before (even when the old and
/// new occupant are equal rows, as Flink does); a retracted row at position p shifts the rows after it up: -U/+U per
/// touched position, then -D(last row, r) for the position left empty. Positions outside the range emit nothing.
/// Without the rank column only the rows entering or leaving the range are emitted: -D(leaving) then +I(entering).
/// (With an offset, <c>rn &gt;= 2</c>, Flink also emits -U/+U pairs for the rows shifting inside the range when the rank
/// is not selected; this operator emits only the -D/+I of the rows that cross the range bounds, which materializes to
/// the same result.)</para>
/// <para><b>RANK and DENSE_RANK</b> (Flink's streaming Top-N supports only ROW_NUMBER; these follow the SQL
/// definitions of the ranks). Changes are emitted per row, in sort order starting at the changed row: a row whose rank
/// changed while staying in range is emitted as -U(row, old rank) +U(row, new rank) (with the rank column; nothing
/// without it), a row that left the range as -D, a row that entered it as +I.</para>
/// <para><b>Input.</b> A changelog (+I, -U, +U, -D) or, with <c>insertOnlyInput</c>, only +I rows: the operator then
/// drops rows that fall below the range end from state (they can never come back, as in Flink's append-only Top-N),
/// so the state per partition is bounded by the range end; a retraction throws <see cref="InvalidOperationException"/>.</para>
/// <para><b>State.</b> One value state per partition key (<see cref="RowKey"/> of the partition columns; the input must
/// be hash-partitioned by them with <see cref="RecordBatchKeySelector"/>): the partition's rows in sort order with
/// their encoded sort keys, with the optional time-to-live. Restorable at another parallelism.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the state; each input
/// batch is consumed row by row in order and at most one output batch is emitted; nothing is buffered between
/// batches, so checkpoints need no pre-barrier flush.</para>
/// </remarks>
public sealed class RankOperator : StreamOperator
{
    private const string StateName = "rank-rows";

    private readonly RankFunction _function;
    private readonly RankRange _range;
    private readonly bool _withRankColumn;
    private readonly bool _insertOnly;
    private readonly StateTtlConfig? _stateTtl;
    private readonly Schema _inputSchema;
    private readonly int _inputWidth;
    private readonly RowKeyCache _partitionKeys;
    private readonly RowEncoder _rowEncoder;
    private readonly SortKeyEncoder _sortEncoder;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<TopNBuffer>? _state;

    // One batch's output: each stored row it emits is decoded once into the batch's builder of the input columns (found
    // again by its entry array); the output rows are positions in that builder, with their kinds and ranks.
    private readonly Dictionary<byte[], int> _decodedRows = new(ReferenceEqualityComparer.Instance);
    private int[] _outputRows = new int[16];
    private RowKind[] _outputKinds = new RowKind[16];
    private long[] _outputRanks = new long[16];
    private int _outputCount;

    /// <summary>Creates the operator.</summary>
    /// <param name="inputSchema">The schema of the input rows.</param>
    /// <param name="partitionKeys">The PARTITION BY columns (may be empty: one global partition, parallelism 1).</param>
    /// <param name="sortKeys">The ORDER BY keys; none for a <c>LIMIT</c> without <c>ORDER BY</c> (rows in arrival order).</param>
    /// <param name="function">ROW_NUMBER, RANK or DENSE_RANK.</param>
    /// <param name="range">The kept ranks.</param>
    /// <param name="rankColumnName">The name of the rank column appended to the output, or null to not output the rank.</param>
    /// <param name="insertOnlyInput">True when the input has only +I rows (bounded state; retractions throw).</param>
    /// <param name="stateTtl">The time-to-live of a partition's state, or null to keep it forever.</param>
    /// <exception cref="ArgumentException">A column is out of range or of an unsupported type, or the rank column's name is
    /// taken.</exception>
    public RankOperator(Schema inputSchema, int[] partitionKeys, IReadOnlyList<RankSortKey> sortKeys, RankFunction function, RankRange range,
        string? rankColumnName = null, bool insertOnlyInput = false, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(partitionKeys);
        ArgumentNullException.ThrowIfNull(sortKeys);
        if (range.End == 0)
        {
            throw new ArgumentException("The rank range is not initialized.", nameof(range));
        }

        _function = function;
        _range = range;
        _withRankColumn = rankColumnName is not null;
        _insertOnly = insertOnlyInput;
        _stateTtl = stateTtl;
        _inputSchema = inputSchema;
        _inputWidth = inputSchema.Count;
        _partitionKeys = new RowKeyCache(new RowEncoder(inputSchema, partitionKeys));
        _rowEncoder = RowEncoder.AllColumns(inputSchema);
        _sortEncoder = new SortKeyEncoder(inputSchema, sortKeys);
        OutputSchema = OutputSchemaOf(inputSchema, rankColumnName);
    }

    /// <summary>The output schema: the input columns, then the rank (<c>BIGINT NOT NULL</c>) when it is output.</summary>
    public Schema OutputSchema { get; }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _state = _backend.GetValueState(new ValueStateDescriptor<TopNBuffer>(StateName, TopNBufferSerializer.Instance) { Ttl = _stateTtl });
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(RankOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _state!;
        using var builder = new RecordBatchBuilder(_inputSchema, Math.Max(16, records.RowCount));
        var end = _range.End;
        _outputCount = 0;
        try
        {
            ProcessRows(records, backend, state, builder, end);
            if (_outputCount > 0)
            {
                output.Collect(BuildOutput(builder));
            }
        }
        finally
        {
            _decodedRows.Clear();
            _outputCount = 0;
        }
    }

    private void ProcessRows(RecordBatch records, IKeyedStateBackend<RowKey> backend, IValueState<TopNBuffer> state, RecordBatchBuilder builder, long end)
    {
        for (var i = 0; i < records.RowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var additive = records.GetRowKind(physical).IsAdditive();
            if (!additive && _insertOnly)
            {
                throw new InvalidOperationException(
                    $"This Top-N was planned for an insert-only input, but received a {records.GetRowKind(physical).ToShortString()} row.");
            }

            backend.SetCurrentKey(_partitionKeys.KeyOf(records, physical));
            if (!state.TryGet(out var buffer))
            {
                if (!additive)
                {
                    continue;
                }

                buffer = new TopNBuffer();
            }

            var sortKey = _sortEncoder.EncodeToScratch(records, physical);
            if (additive)
            {
                if (_insertOnly && _function == RankFunction.RowNumber && buffer.RowCount >= end
                    && buffer.KeyAt(buffer.RowCount - 1).SequenceCompareTo(sortKey) <= 0)
                {
                    // The row would land after the range end and be dropped at once: nothing changes, nothing is emitted
                    // (as Flink's append-only Top-N, which checks the sort key against the buffer first).
                    continue;
                }

                var row = _rowEncoder.EncodeToScratch(records, physical);
                var data = new byte[sortKey.Length + row.Length];
                sortKey.CopyTo(data);
                row.CopyTo(data.AsSpan(sortKey.Length));
                Accumulate(buffer, data, sortKey.Length, builder);
            }
            else if (!Retract(buffer, sortKey, _rowEncoder.EncodeToScratch(records, physical), builder))
            {
                continue;
            }

            if (buffer.RowCount == 0)
            {
                state.Clear();
            }
            else
            {
                state.Update(buffer);
            }
        }
    }

    /// <summary>The output schema of a Top-N over <paramref name="inputSchema"/> (shared with the windowed Top-N).</summary>
    internal static Schema OutputSchemaOf(Schema inputSchema, string? rankColumnName)
    {
        if (rankColumnName is null)
        {
            return inputSchema;
        }

        if (inputSchema.IndexOf(rankColumnName) >= 0)
        {
            throw new ArgumentException($"The rank column '{rankColumnName}' is already a column of {inputSchema}.", nameof(rankColumnName));
        }

        return new Schema([.. inputSchema.Fields, new Field(rankColumnName, DataTypes.BigInt().NotNull())], inputSchema.RowTimeIndex);
    }

    private void Accumulate(TopNBuffer buffer, byte[] data, int keyLength, RecordBatchBuilder builder)
    {
        if (_function == RankFunction.RowNumber)
        {
            var position = buffer.Insert(data, keyLength, latestFirst: false);
            if (_withRankColumn)
            {
                EmitRowNumberShiftDown(buffer, position, builder);
            }
            else
            {
                EmitRowNumberInsertCrossings(buffer, position, builder);
            }
        }
        else
        {
            EmitRankInsert(buffer, data, keyLength, builder);
        }

        if (_insertOnly)
        {
            buffer.Truncate(_function, _range.End);
        }
    }

    /// <summary>Removes the row; false when it was not stored (nothing changed).</summary>
    private bool Retract(TopNBuffer buffer, ReadOnlySpan<byte> sortKey, ReadOnlySpan<byte> row, RecordBatchBuilder builder)
    {
        if (_function == RankFunction.RowNumber)
        {
            var position = buffer.IndexOf(sortKey, row);
            if (position < 0)
            {
                return false;
            }

            var removed = new StoredRow(buffer.RemoveAt(position, out var keyLength), keyLength);
            if (_withRankColumn)
            {
                EmitRowNumberShiftUp(buffer, position, removed, builder);
            }
            else
            {
                EmitRowNumberRetractCrossings(buffer, position, removed, builder);
            }

            return true;
        }

        var start = buffer.LowerBound(sortKey);
        var index = buffer.IndexOf(sortKey, row);
        if (index < 0)
        {
            return false;
        }

        var oldRank = buffer.RankOfGroupAt(_function, start);
        var removedRow = new StoredRow(buffer.RemoveAt(index, out var removedKeyLength), removedKeyLength);
        var groupRemoved = start == buffer.RowCount || !buffer.KeyAt(start).SequenceEqual(sortKey);
        EmitChange(builder, removedRow, oldRank, null);
        var shift = _function == RankFunction.Rank || groupRemoved ? 1 : 0;
        if (shift == 0)
        {
            return true;
        }

        // The groups after the changed one moved up by one row (RANK) or one group (DENSE_RANK).
        var dense = groupRemoved ? oldRank - 1 : oldRank;
        for (var groupStart = groupRemoved ? start : buffer.GroupEnd(start); groupStart < buffer.RowCount;)
        {
            var groupEnd = buffer.GroupEnd(groupStart);
            dense++;
            var newRank = _function == RankFunction.Rank ? groupStart + 1L : dense;
            if (newRank > _range.End)
            {
                break;
            }

            for (var r = groupStart; r < groupEnd; r++)
            {
                EmitChange(builder, Stored(buffer, r), newRank + shift, newRank);
            }

            groupStart = groupEnd;
        }

        return true;
    }

    /// <summary>ROW_NUMBER with the rank column: the row at <paramref name="position"/> pushed the rows after it down.</summary>
    private void EmitRowNumberShiftDown(TopNBuffer buffer, int position, RecordBatchBuilder builder)
    {
        long total = buffer.RowCount;
        var last = Math.Min(total, _range.End);
        for (var rank = position + 1L; rank <= last; rank++)
        {
            if (rank < _range.Start)
            {
                continue;
            }

            // Rank r's old occupant now sits at index r, its new one at index r - 1.
            if (rank < total)
            {
                Emit(builder, RowKind.UpdateBefore, Stored(buffer, (int)rank), rank);
                Emit(builder, RowKind.UpdateAfter, Stored(buffer, (int)rank - 1), rank);
            }
            else
            {
                Emit(builder, RowKind.Insert, Stored(buffer, (int)rank - 1), rank);
            }
        }
    }

    /// <summary>ROW_NUMBER with the rank column: <paramref name="removed"/> left <paramref name="position"/>, the rows after it moved up.</summary>
    private void EmitRowNumberShiftUp(TopNBuffer buffer, int position, StoredRow removed, RecordBatchBuilder builder)
    {
        var oldTotal = buffer.RowCount + 1L;
        var last = Math.Min(oldTotal, _range.End);
        for (var rank = position + 1L; rank <= last; rank++)
        {
            if (rank < _range.Start)
            {
                continue;
            }

            // Rank r's old occupant is the removed row (r = position + 1) or now sits at index r - 2; its new one at index r - 1.
            var previous = rank == position + 1L ? removed : Stored(buffer, (int)rank - 2);
            if (rank < oldTotal)
            {
                Emit(builder, RowKind.UpdateBefore, previous, rank);
                Emit(builder, RowKind.UpdateAfter, Stored(buffer, (int)rank - 1), rank);
            }
            else
            {
                Emit(builder, RowKind.Delete, previous, rank);
            }
        }
    }

    /// <summary>ROW_NUMBER without the rank column, after an insert at <paramref name="position"/>: -D(leaving) then +I(entering).</summary>
    private void EmitRowNumberInsertCrossings(TopNBuffer buffer, int position, RecordBatchBuilder builder)
    {
        if (position + 1L > _range.End)
        {
            return;
        }

        if (buffer.RowCount > _range.End)
        {
            Emit(builder, RowKind.Delete, Stored(buffer, (int)_range.End), 0);
        }

        if (position + 1L >= _range.Start)
        {
            Emit(builder, RowKind.Insert, Stored(buffer, position), 0);
        }
        else if (buffer.RowCount >= _range.Start)
        {
            Emit(builder, RowKind.Insert, Stored(buffer, (int)_range.Start - 1), 0);
        }
    }

    /// <summary>ROW_NUMBER without the rank column, after <paramref name="removed"/> left <paramref name="position"/>.</summary>
    private void EmitRowNumberRetractCrossings(TopNBuffer buffer, int position, StoredRow removed, RecordBatchBuilder builder)
    {
        if (position + 1L > _range.End)
        {
            return;
        }

        if (position + 1L >= _range.Start)
        {
            Emit(builder, RowKind.Delete, removed, 0);
        }
        else if (buffer.RowCount + 1L >= _range.Start)
        {
            // The old row at 1-based rank Start moved to Start - 1; it sits at new position Start - 2.
            Emit(builder, RowKind.Delete, Stored(buffer, (int)_range.Start - 2), 0);
        }

        if (buffer.RowCount >= _range.End)
        {
            Emit(builder, RowKind.Insert, Stored(buffer, (int)_range.End - 1), 0);
        }
    }

    /// <summary>RANK / DENSE_RANK: inserts the entry after its ties and emits the rank changes it causes.</summary>
    private void EmitRankInsert(TopNBuffer buffer, byte[] data, int keyLength, RecordBatchBuilder builder)
    {
        var key = data.AsSpan(0, keyLength);
        var start = buffer.LowerBound(key);
        var newGroup = start == buffer.RowCount || !buffer.KeyAt(start).SequenceEqual(key);
        var position = buffer.UpperBound(key);
        buffer.InsertAt(position, data, keyLength);
        var rank = buffer.RankOfGroupAt(_function, start);
        EmitChange(builder, Stored(buffer, position), null, rank);
        var shift = _function == RankFunction.Rank || newGroup ? 1 : 0;
        if (shift == 0)
        {
            return;
        }

        // The groups after the inserted row moved down by one row (RANK) or one group (DENSE_RANK, new group only).
        var dense = rank;
        for (var groupStart = position + 1; groupStart < buffer.RowCount;)
        {
            var groupEnd = buffer.GroupEnd(groupStart);
            dense++;
            var newRank = _function == RankFunction.Rank ? groupStart + 1L : dense;
            var oldRank = newRank - shift;
            if (oldRank > _range.End)
            {
                break;
            }

            for (var r = groupStart; r < groupEnd; r++)
            {
                EmitChange(builder, Stored(buffer, r), oldRank, newRank);
            }

            groupStart = groupEnd;
        }
    }

    /// <summary>The change of one row's rank (null: not ranked before / after).</summary>
    private void EmitChange(RecordBatchBuilder builder, StoredRow row, long? oldRank, long? newRank)
    {
        var wasIn = oldRank is { } o && _range.Contains(o);
        var isIn = newRank is { } n && _range.Contains(n);
        if (wasIn && isIn)
        {
            if (_withRankColumn && oldRank != newRank)
            {
                Emit(builder, RowKind.UpdateBefore, row, oldRank!.Value);
                Emit(builder, RowKind.UpdateAfter, row, newRank!.Value);
            }
        }
        else if (wasIn)
        {
            Emit(builder, RowKind.Delete, row, oldRank!.Value);
        }
        else if (isIn)
        {
            Emit(builder, RowKind.Insert, row, newRank!.Value);
        }
    }

    /// <summary>
    /// Adds an output row: <paramref name="row"/> is decoded into <paramref name="decoded"/> (the input columns) the first
    /// time the batch emits it, and only referenced afterwards (a row shifted down by one insert is emitted as -U at its
    /// old rank and +U at the next, and again by the next insert into its partition).
    /// </summary>
    private void Emit(RecordBatchBuilder decoded, RowKind kind, StoredRow row, long rank)
    {
        ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(_decodedRows, row.Data, out var seen);
        if (!seen)
        {
            index = decoded.RowCount;
            _rowEncoder.AppendTo(row.Data.AsSpan(row.KeyLength), decoded, 0);
        }

        if (_outputCount == _outputRows.Length)
        {
            // Kept across batches (the operator's own arrays, not pooled).
            Array.Resize(ref _outputRows, _outputCount * 2);
            Array.Resize(ref _outputKinds, _outputCount * 2);
            Array.Resize(ref _outputRanks, _outputCount * 2);
        }

        _outputRows[_outputCount] = index;
        _outputKinds[_outputCount] = kind;
        _outputRanks[_outputCount++] = rank;
    }

    /// <summary>The batch's output: the decoded rows at the emitted positions, then the ranks, with the emitted kinds.</summary>
    private RecordBatch BuildOutput(RecordBatchBuilder decoded)
    {
        using var rows = decoded.Build();
        var count = _outputCount;
        var positions = _outputRows.AsSpan(0, count);
        var identity = count == rows.RowCount;
        for (var i = 0; identity && i < count; i++)
        {
            identity = positions[i] == i;
        }

        var columns = new ColumnVector[OutputSchema.Count];
        try
        {
            for (var c = 0; c < _inputWidth; c++)
            {
                columns[c] = identity ? rows.Column(c).Retain() : rows.Column(c).Gather(positions);
            }

            if (_withRankColumn)
            {
                columns[_inputWidth] = PrimitiveVector<long>.FromValues(OutputSchema[_inputWidth].DataType, _outputRanks.AsSpan(0, count));
            }

            return new RecordBatch(OutputSchema, columns, count, _outputKinds.AsSpan(0, count));
        }
        catch
        {
            foreach (var column in columns)
            {
                column?.Dispose();
            }

            throw;
        }
    }

    private static StoredRow Stored(TopNBuffer buffer, int position) => new(buffer.DataAt(position, out var keyLength), keyLength);

    /// <summary>A stored row: its entry bytes (sort key, then row), which identify it while it is stored, and the key's length.</summary>
    private readonly record struct StoredRow(byte[] Data, int KeyLength);
}
