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
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(RowTimeDeduplicateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var kept = _kept!;
        var times = (PrimitiveVector<long>)records.Column(_timeColumn);
        using var builder = new RecordBatchBuilder(_schema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
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
            var current = _rowEncoder.EncodeToScratch(records, physical);
            if (!kept.TryGet(out var previous))
            {
                Emit(builder, RowKind.Insert, current);
            }
            else if (_keep == DeduplicateKeep.LastRow ? time >= previous.Time : time < previous.Time)
            {
                if (_generateUpdateBefore)
                {
                    Emit(builder, RowKind.UpdateBefore, previous.Row);
                }

                Emit(builder, RowKind.UpdateAfter, current);
            }
            else
            {
                continue;
            }

            // The encoder's scratch is read again only by the next row, after the copy.
            kept.Update((time, current.ToArray()));
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void Emit(RecordBatchBuilder builder, RowKind kind, ReadOnlySpan<byte> row)
    {
        _rowEncoder.AppendTo(row, builder, 0);
        builder.AppendRowKind(kind);
    }
}
