using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// Flink SQL's deduplication (<c>ROW_NUMBER() ... = 1</c> on processing time) over an insert-only input: per key
/// (<see cref="RowKey"/> of the key columns) it keeps the first or the last row. The output schema is the input
/// schema.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Rows are handled in input order. <see cref="DeduplicateKeep.FirstRow"/>: the first row of a
/// key is emitted as +I and every later row of the key is dropped (the kept rows go out as a selection of the input
/// columns, without copying values). <see cref="DeduplicateKeep.LastRow"/>: the first row of a key is emitted as +I;
/// a later row replaces it and is emitted as -U(previous) then +U(new), or only +U(new) when
/// <c>generateUpdateBefore</c> is false (upsert mode, for consumers keyed by the same columns).</para>
/// <para><b>Input.</b> Insert-only; a row of another kind throws <see cref="InvalidOperationException"/>.</para>
/// <para><b>State.</b> FirstRow: a flag per key; LastRow: the last row per key (<see cref="RowData"/>); both with the
/// optional time-to-live. The input must be hash-partitioned by the key columns (<see cref="RecordBatchKeySelector"/>).</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the state; each input
/// batch is consumed and at most one output batch emitted; nothing is buffered between batches.</para>
/// </remarks>
public sealed class DeduplicateOperator : StreamOperator
{
    private readonly Schema _schema;
    private readonly DeduplicateKeep _keep;
    private readonly bool _generateUpdateBefore;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;
    private readonly List<int> _selected = [];
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<bool>? _seen;
    private IValueState<RowData>? _lastRow;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows.</param>
    /// <param name="keyColumns">The PARTITION BY columns.</param>
    /// <param name="keep">Keep the first or the last row per key.</param>
    /// <param name="generateUpdateBefore">For <see cref="DeduplicateKeep.LastRow"/>: emit -U before +U (true, the default) or only +U.</param>
    /// <param name="stateTtl">The time-to-live of a key's state, or null to keep it forever.</param>
    public DeduplicateOperator(Schema schema, int[] keyColumns, DeduplicateKeep keep, bool generateUpdateBefore = true, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(keyColumns);
        _schema = schema;
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
        if (_keep == DeduplicateKeep.FirstRow)
        {
            _seen = _backend.GetValueState(new ValueStateDescriptor<bool>("dedup-first-seen", Core.Serialization.Serializers.Boolean) { Ttl = _stateTtl });
        }
        else
        {
            _lastRow = _backend.GetValueState(new ValueStateDescriptor<RowData>("dedup-last-row", RowDataSerializer.Instance) { Ttl = _stateTtl });
        }
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(DeduplicateOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        if (_keep == DeduplicateKeep.FirstRow)
        {
            KeepFirst(records, backend, output);
        }
        else
        {
            KeepLast(records, backend, output);
        }
    }

    private void KeepFirst(RecordBatch records, IKeyedStateBackend<RowKey> backend, IOutput output)
    {
        _selected.Clear();
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            EnsureInsert(records, row);
            backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            if (!_seen!.TryGet(out _))
            {
                _seen.Update(true);
                _selected.Add(i);
            }
        }

        if (_selected.Count > 0)
        {
            output.Collect(records.Gather(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_selected)));
        }
    }

    private void KeepLast(RecordBatch records, IKeyedStateBackend<RowKey> backend, IOutput output)
    {
        using var builder = new RecordBatchBuilder(_schema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            EnsureInsert(records, row);
            backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            var current = _rowEncoder.RowOf(records, row);
            if (_lastRow!.TryGet(out var previous))
            {
                if (_generateUpdateBefore)
                {
                    _rowEncoder.AppendTo(previous.Bytes, builder, 0);
                    builder.AppendRowKind(RowKind.UpdateBefore);
                }

                _rowEncoder.AppendTo(current.Bytes, builder, 0);
                builder.AppendRowKind(RowKind.UpdateAfter);
            }
            else
            {
                _rowEncoder.AppendTo(current.Bytes, builder, 0);
                builder.AppendRowKind(RowKind.Insert);
            }

            _lastRow.Update(current);
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private static void EnsureInsert(RecordBatch records, int row)
    {
        if (records.GetRowKind(row) != RowKind.Insert)
        {
            throw new InvalidOperationException(
                $"Deduplication takes an insert-only input, but received a {records.GetRowKind(row).ToShortString()} row.");
        }
    }
}
