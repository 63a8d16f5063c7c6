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
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var kept = _kept!;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        var rowCount = records.RowCount;
        var gathered = 0;
        var rows = BufferPool.Rent<int>(Math.Max(16, rowCount * 2));
        var kinds = BufferPool.Rent<RowKind>(Math.Max(16, rowCount * 2));
        var keptInBatch = _keptInBatch;
        var byReference = _stateTtl is null ? kept as IValueStateReference<(long Time, byte[] Row)> : null;
        RecordBatchBuilder? earlier = null;
        try
        {
            for (var i = 0; i < rowCount; i++)
            {
                var physical = records.PhysicalRow(i);
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

                var time = times.Values[physical];
                backend.SetCurrentKey(_keyEncoder.KeyOf(records, physical));
                if (byReference is not null)
                {
                    // One lookup for the read and the write (no TTL: a row that replaces nothing must not count as a write).
                    ref var slot = ref byReference.GetValueRefOrAddDefault(out var exists);
                    if (exists && !Replaces(time, slot.Time))
                    {
                        continue;
                    }

                    var storedRow = Keep(records, physical, exists, slot.Row, rows, kinds, ref gathered, ref earlier);
                    slot = (time, storedRow);
                    continue;
                }

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
            keptInBatch.Clear();
            BufferPool.Return(rows);
            BufferPool.Return(kinds);
        }
    }

    /// <summary>True when a row at <paramref name="time"/> replaces the kept row at <paramref name="keptTime"/>.</summary>
    private bool Replaces(long time, long keptTime) => _keep == DeduplicateKeep.LastRow ? time >= keptTime : time < keptTime;

    /// <summary>
    /// Records the output of keeping physical row <paramref name="physical"/> (+I when nothing was kept, else -U of
    /// <paramref name="previous"/> when wanted and +U) and returns its encoded bytes, to be stored.
    /// </summary>
    private byte[] Keep(RecordBatch records, int physical, bool replacing, byte[] previous, int[] rows, RowKind[] kinds, ref int gathered,
        ref RecordBatchBuilder? earlier)
    {
        if (!replacing)
        {
            rows[gathered] = physical;
            kinds[gathered++] = RowKind.Insert;
        }
        else
        {
            if (_generateUpdateBefore)
            {
                if (_keptInBatch.TryGetValue(previous, out var previousRow))
                {
                    rows[gathered] = previousRow;
                    kinds[gathered++] = RowKind.UpdateBefore;
                }
                else
                {
                    earlier ??= new RecordBatchBuilder(_schema, 16);
                    _rowEncoder.AppendTo(previous, earlier, 0);
                    earlier.AppendRowKind(RowKind.UpdateBefore);
                }
            }

            rows[gathered] = physical;
            kinds[gathered++] = RowKind.UpdateAfter;
        }

        var stored = _rowEncoder.EncodeToScratch(records, physical).ToArray();
        if (_generateUpdateBefore)
        {
            _keptInBatch[stored] = physical;
        }

        return stored;
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
}
