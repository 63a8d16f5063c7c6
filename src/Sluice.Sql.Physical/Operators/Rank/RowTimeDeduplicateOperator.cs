using System.Runtime.InteropServices;
using Sluice.Core.Batches;
using Sluice.Core.Errors;
using Sluice.Core.Schemas;
using Sluice.Core.Serialization;
using Sluice.Core.Types;
using Sluice.Core.Vectors;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// Flink SQL's deduplication on event time, <c>ROW_NUMBER() OVER (PARTITION BY k ORDER BY rowtime ASC|DESC) = 1</c>
/// over an insert-only input (as Flink's <c>RowTimeDeduplicateFunction</c>): per key it keeps the row with the smallest
/// row time (<see cref="DeduplicateKeep.FirstRow"/>) or the largest (<see cref="DeduplicateKeep.LastRow"/>) and emits
/// the changes of the kept row at once. The output schema is the input schema. Processing-time deduplication is
/// <see cref="DeduplicateOperator"/>.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Rows are handled in input order. The first row of a key is emitted as +I. A later row
/// replaces the kept one when its time is strictly smaller (FirstRow: among equal times the first arrival stays) or
/// greater or equal (LastRow: among equal times the last arrival wins); a replacement is emitted as -U(previous) then
/// +U(new), or only +U(new) when <c>generateUpdateBefore</c> is false (upsert mode, for consumers keyed by the same
/// columns). Rows that do not replace the kept row emit nothing. Nothing waits for watermarks and no row is late: an
/// out-of-order row simply updates the result, as in Flink.</para>
/// <para><b>Input.</b> Insert-only (another kind throws <see cref="InvalidOperationException"/>), hash-partitioned by the
/// key columns with <see cref="RecordBatchKeySelector"/>; the time column a TIMESTAMP or TIMESTAMP_LTZ (compared at full
/// precision); a null time throws a <see cref="SluiceException"/>.</para>
/// <para><b>State.</b> The kept row and its time per key, with the optional time-to-live. Restorable at another
/// parallelism.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the state; each input
/// batch is consumed and at most one output batch emitted; nothing is buffered between batches.</para>
/// </remarks>
public sealed class RowTimeDeduplicateOperator : StreamOperator
{
    /// <summary>The kept row's time and encoded bytes: written exactly as (time, <see cref="RowData"/>) was, so older snapshots read back.</summary>
    internal static readonly ITypeSerializer<(long Time, byte[] Row)> EntrySerializer =
        Serializers.Tuple(Serializers.Int64, Serializers.Bytes);

    private readonly Schema _schema;
    private readonly int _timeColumn;
    private readonly DeduplicateKeep _keep;
    private readonly bool _generateUpdateBefore;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<(long Time, byte[] Row)>? _kept;

    // The rows stored while a batch is processed (by reference) with their physical rows in it: the retraction of such a
    // row is copied from the batch. Emptied after every batch.
    private readonly Dictionary<byte[], int> _keptInBatch = new(ReferenceEqualityComparer.Instance);

    /// <summary>Stands for the bytes of a row kept in the batch being processed whose key has a later row in it (never outlives the batch).</summary>
    private static readonly byte[] PendingRow = [];

    // The batch's distinct keys (one object each, compared by bytes) with their last row seen so far, for the backward
    // pass of the path without a time-to-live; emptied after every batch.
    private readonly KeyBytesComparer _keyComparer = new();
    private readonly Dictionary<RowKey, int> _lastOfKey;
    private readonly Dictionary<RowKey, int>.AlternateLookup<ReadOnlySpan<byte>> _lastOfKeyLookup;
    private RowKey[] _batchKeys = [];

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="keyColumns">The PARTITION BY columns.</param>
    /// <param name="timeColumn">The ORDER BY row-time column (TIMESTAMP or TIMESTAMP_LTZ).</param>
    /// <param name="keep">Keep the row with the smallest (first) or the largest (last) time per key.</param>
    /// <param name="generateUpdateBefore">Emit -U before +U (true, the default) or only +U.</param>
    /// <param name="stateTtl">The time-to-live of a key's state, or null to keep it forever.</param>
    /// <exception cref="ArgumentException">A column is out of range, or the time column is not a timestamp.</exception>
    public RowTimeDeduplicateOperator(Schema schema, int[] keyColumns, int timeColumn, DeduplicateKeep keep, bool generateUpdateBefore = true,
        StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        if ((uint)timeColumn >= (uint)schema.Count || schema[timeColumn].DataType.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
        {
            throw new ArgumentException($"The time column {timeColumn} must be a TIMESTAMP or TIMESTAMP_LTZ column of {schema}.", nameof(timeColumn));
        }

        _schema = schema;
        _timeColumn = timeColumn;
        _keep = keep;
        _generateUpdateBefore = generateUpdateBefore;
        _stateTtl = stateTtl;
        _keyEncoder = new RowEncoder(schema, keyColumns);
        _rowEncoder = RowEncoder.AllColumns(schema);
        _lastOfKey = new Dictionary<RowKey, int>(_keyComparer);
        _lastOfKeyLookup = _lastOfKey.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _kept = _backend.GetValueState(new ValueStateDescriptor<(long Time, byte[] Row)>("rowtime-dedup-kept-row", EntrySerializer) { Ttl = _stateTtl });
    }

    /// <inheritdoc />
    /// <remarks>
    /// The rows that enter the result (+I, +U) and the retractions of rows kept earlier in the same batch (-U) are copied
    /// column by column from the input batch (a string column that is a view stays one); only the retractions of rows
    /// kept before the batch are decoded from the state. Those are emitted first, as a batch of their own: each precedes
    /// every other change of its key, so each key's changes keep their order (changes of different keys may come in
    /// another order than the rows, as they would across parallel instances).
    /// </remarks>
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(RowTimeDeduplicateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        _ = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var rowCount = records.RowCount;
        var gathered = 0;
        var rows = BufferPool.Rent<int>(Math.Max(16, rowCount * 2));
        var kinds = BufferPool.Rent<RowKind>(Math.Max(16, rowCount * 2));
        var byReference = _stateTtl is null ? _kept as IValueStateReference<(long Time, byte[] Row)> : null;
        RecordBatchBuilder? earlier = null;
        try
        {
            if (byReference is not null)
            {
                ProcessByReference(records, byReference, rows, kinds, ref gathered, ref earlier);
            }
            else
            {
                ProcessWithTimeToLive(records, rows, kinds, ref gathered, ref earlier);
            }

            if (earlier is { RowCount: > 0 })
            {
                output.Collect(earlier.Build());
            }

            if (gathered > 0)
            {
                output.Collect(GatherRows(records, rows.AsSpan(0, gathered), kinds.AsSpan(0, gathered)));
            }
        }
        finally
        {
            earlier?.Dispose();
            _keptInBatch.Clear();
            BufferPool.Return(rows);
            BufferPool.Return(kinds);
        }
    }

    /// <summary>The batch with a time-to-live: a read and a write per kept row, each kept row encoded.</summary>
    private void ProcessWithTimeToLive(RecordBatch records, int[] rows, RowKind[] kinds, ref int gathered, ref RecordBatchBuilder? earlier)
    {
        var backend = _backend!;
        var kept = _kept!;
        var keptInBatch = _keptInBatch;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        var rowCount = records.RowCount;
        for (var i = 0; i < rowCount; i++)
        {
            var physical = records.PhysicalRow(i);
            var time = TimeOf(records, times, physical);
            backend.SetCurrentKey(_keyEncoder.KeyOf(records, physical));
            if (!kept.TryGet(out var previous))
            {
                rows[gathered] = physical;
                kinds[gathered++] = RowKind.Insert;
            }
            else if (_keep == DeduplicateKeep.LastRow ? time >= previous.Time : time < previous.Time)
            {
                if (_generateUpdateBefore)
                {
                    if (keptInBatch.TryGetValue(previous.Row, out var previousRow))
                    {
                        rows[gathered] = previousRow;
                        kinds[gathered++] = RowKind.UpdateBefore;
                    }
                    else
                    {
                        earlier ??= new RecordBatchBuilder(_schema, 16);
                        _rowEncoder.AppendTo(previous.Row, earlier, 0);
                        earlier.AppendRowKind(RowKind.UpdateBefore);
                    }
                }

                rows[gathered] = physical;
                kinds[gathered++] = RowKind.UpdateAfter;
            }
            else
            {
                continue;
            }

            var stored = _rowEncoder.EncodeToScratch(records, physical).ToArray();
            kept.Update((time, stored));
            if (_generateUpdateBefore)
            {
                keptInBatch[stored] = physical;
            }
        }
    }

    /// <summary>The row time of an input row; the input must be insert-only and the time not null.</summary>
    private long TimeOf(RecordBatch records, PrimitiveVector<long> times, int physical)
    {
        if (records.GetRowKind(physical) != RowKind.Insert)
        {
            throw new InvalidOperationException(
                $"Deduplication takes an insert-only input, but received a {records.GetRowKind(physical).ToShortString()} row.");
        }

        if (times.IsNull(physical))
        {
            throw new SluiceException(
                $"Deduplication on event time received a row whose time column '{_schema[_timeColumn].Name}' is null.", ErrorDomain.User);
        }

        return times.Values[physical];
    }

    /// <summary>True when a row at <paramref name="time"/> replaces the kept row at <paramref name="keptTime"/>.</summary>
    private bool Replaces(long time, long keptTime) => _keep == DeduplicateKeep.LastRow ? time >= keptTime : time < keptTime;

    /// <summary>
    /// The batch without a time-to-live: one by-reference lookup per row for the read and the write (a row that replaces
    /// nothing must not count as a write), and only the last row kept per key in the batch is encoded for the state.
    /// </summary>
    /// <remarks>
    /// A first pass, from the last row back, finds each row's next row of the same key in the batch (keys compared by
    /// their encoded bytes, one key object per distinct key and batch). A kept row that has such a successor is stored
    /// with its time and <see cref="PendingRow"/> in place of its bytes, and its physical row is handed to the successor:
    /// the successor either replaces it (its retraction is copied from the batch) or hands it on, and the key's last row
    /// in the batch encodes whichever row is kept then. So no <see cref="PendingRow"/> outlives the batch, and a slot
    /// that holds real bytes holds a row kept before the batch (its retraction is decoded and emitted first).
    /// </remarks>
    private void ProcessByReference(RecordBatch records, IValueStateReference<(long Time, byte[] Row)> kept, int[] rows, RowKind[] kinds,
        ref int gathered, ref RecordBatchBuilder? earlier)
    {
        var backend = _backend!;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        var rowCount = records.RowCount;
        if (_batchKeys.Length < rowCount)
        {
            _batchKeys = new RowKey[Math.Max(rowCount, 2 * _batchKeys.Length)];
        }

        var keys = _batchKeys;
        var next = BufferPool.Rent<int>(rowCount);
        var carried = BufferPool.Rent<int>(rowCount);
        var lastOfKey = _lastOfKey;
        var lookup = _lastOfKeyLookup;
        try
        {
            for (var i = rowCount - 1; i >= 0; i--)
            {
                var bytes = _keyEncoder.EncodeToScratch(records, records.PhysicalRow(i));
                ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(lookup, bytes, out var seen);
                if (seen)
                {
                    next[i] = last;
                    keys[i] = keys[last];
                }
                else
                {
                    next[i] = -1;
                    keys[i] = _keyComparer.Created!;
                }

                last = i;
                carried[i] = -1;
            }

            for (var i = 0; i < rowCount; i++)
            {
                var physical = records.PhysicalRow(i);
                var time = TimeOf(records, times, physical);
                backend.SetCurrentKey(keys[i]);
                ref var slot = ref kept.GetValueRefOrAddDefault(out var exists);
                var pending = carried[i];
                if (exists && !Replaces(time, slot.Time))
                {
                    if (pending >= 0)
                    {
                        // The row kept earlier in this batch stays: encode it now if no later row of the key can replace it.
                        if (next[i] < 0)
                        {
                            slot.Row = _rowEncoder.EncodeToScratch(records, pending).ToArray();
                        }
                        else
                        {
                            carried[next[i]] = pending;
                        }
                    }

                    continue;
                }

                if (!exists)
                {
                    rows[gathered] = physical;
                    kinds[gathered++] = RowKind.Insert;
                }
                else
                {
                    if (_generateUpdateBefore)
                    {
                        if (pending >= 0)
                        {
                            rows[gathered] = pending;
                            kinds[gathered++] = RowKind.UpdateBefore;
                        }
                        else
                        {
                            earlier ??= new RecordBatchBuilder(_schema, 16);
                            _rowEncoder.AppendTo(slot.Row, earlier, 0);
                            earlier.AppendRowKind(RowKind.UpdateBefore);
                        }
                    }

                    rows[gathered] = physical;
                    kinds[gathered++] = RowKind.UpdateAfter;
                }

                if (next[i] < 0)
                {
                    slot = (time, _rowEncoder.EncodeToScratch(records, physical).ToArray());
                }
                else
                {
                    slot = (time, PendingRow);
                    carried[next[i]] = physical;
                }
            }
        }
        finally
        {
            Array.Clear(keys, 0, rowCount);
            lastOfKey.Clear();
            BufferPool.Return(next);
            BufferPool.Return(carried);
        }
    }

    /// <summary>The physical rows <paramref name="rows"/> of <paramref name="records"/>, in that order, with <paramref name="kinds"/>.</summary>
    private RecordBatch GatherRows(RecordBatch records, ReadOnlySpan<int> rows, ReadOnlySpan<RowKind> kinds)
    {
        var columns = new ColumnVector[_schema.Count];
        try
        {
            for (var c = 0; c < columns.Length; c++)
            {
                columns[c] = records.Column(c).Gather(rows);
            }

            return new RecordBatch(_schema, columns, rows.Length, kinds);
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

    /// <summary>Compares keys by their bytes and looks them up by encoded bytes; remembers the key it created last.</summary>
    private sealed class KeyBytesComparer : IEqualityComparer<RowKey>, IAlternateEqualityComparer<ReadOnlySpan<byte>, RowKey>
    {
        /// <summary>The key made by the last <see cref="Create"/> (the one just added by a lookup that did not find it).</summary>
        public RowKey? Created { get; private set; }

        public bool Equals(RowKey? x, RowKey? y) => x is null ? y is null : x.Equals(y);

        public int GetHashCode(RowKey obj) => obj.StableHashCode;

        public bool Equals(ReadOnlySpan<byte> alternate, RowKey other) => other.Bytes.Span.SequenceEqual(alternate);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Core.Hashing.StableHash.Hash(alternate);

        public RowKey Create(ReadOnlySpan<byte> alternate) => Created = new RowKey(alternate.ToArray());
    }
}
