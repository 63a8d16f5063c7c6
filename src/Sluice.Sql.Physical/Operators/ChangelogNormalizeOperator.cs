using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Flink SQL's <c>ChangelogNormalize</c>: turns the upsert changelog of a source keyed by its primary key (+I/+U carry
/// the new row of a key, -D deletes the key and may carry only the key, as a tombstone does) into a complete
/// changelog (+I, -U, +U, -D with full rows) that every downstream operator can consume. The output schema is the
/// input schema.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Rows are handled in input order, per key (<see cref="RowKey"/> of the primary-key columns):
/// an upsert (+I or +U) of a key without a row emits +I(new); of a key with a different row emits -U(previous),
/// +U(new); of a key with the same row emits nothing (a replayed or duplicated message changes nothing). A delete
/// (-D) of a key with a row emits -D(previous), the full stored row; of a key without one emits nothing. -U rows
/// are ignored (the +U that follows carries the change).</para>
/// <para><b>State.</b> The last row per key (<see cref="RowData"/>), with the optional time-to-live; the input must be
/// hash-partitioned by the key columns (<see cref="RecordBatchKeySelector"/>). Restorable, also at another
/// parallelism.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the state; each input
/// batch is consumed and at most one output batch emitted.</para>
/// </remarks>
public sealed class ChangelogNormalizeOperator : StreamOperator
{
    private readonly Schema _schema;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<RowData>? _lastRow;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="keyColumns">The primary-key columns.</param>
    /// <param name="stateTtl">The time-to-live of a key's row, or null to keep it until deleted.</param>
    /// <exception cref="ArgumentException">There is no key column.</exception>
    public ChangelogNormalizeOperator(Schema schema, int[] keyColumns, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        if (keyColumns.Length == 0)
        {
            throw new ArgumentException("Normalizing an upsert changelog needs the primary-key columns.", nameof(keyColumns));
        }

        _schema = schema;
        _stateTtl = stateTtl;
        _keyEncoder = new RowEncoder(schema, keyColumns);
        _rowEncoder = RowEncoder.AllColumns(schema);
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _lastRow = _backend.GetValueState(new ValueStateDescriptor<RowData>("changelog-normalize-last-row", RowDataSerializer.Instance) { Ttl = _stateTtl });
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(ChangelogNormalizeOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var lastRow = _lastRow!;
        using var builder = new RecordBatchBuilder(_schema, Math.Max(16, records.RowCount * 2));
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            var kind = records.GetRowKind(row);
            if (kind == RowKind.UpdateBefore)
            {
                continue;
            }

            backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            var hasPrevious = lastRow.TryGet(out var previous);
            if (kind == RowKind.Delete)
            {
                if (hasPrevious)
                {
                    _rowEncoder.AppendTo(previous!.Bytes, builder, 0);
                    builder.AppendRowKind(RowKind.Delete);
                    lastRow.Clear();
                }

                continue;
            }

            var current = _rowEncoder.RowOf(records, row);
            if (!hasPrevious)
            {
                _rowEncoder.AppendTo(current.Bytes, builder, 0);
                builder.AppendRowKind(RowKind.Insert);
            }
            else if (!previous!.Equals(current))
            {
                _rowEncoder.AppendTo(previous.Bytes, builder, 0);
                builder.AppendRowKind(RowKind.UpdateBefore);
                _rowEncoder.AppendTo(current.Bytes, builder, 0);
                builder.AppendRowKind(RowKind.UpdateAfter);
            }
            else
            {
                continue;
            }

            lastRow.Update(current);
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }
}
