using Sluice.Core.Batches;
using Sluice.Core.Schemas;
using Sluice.Runtime.Operators;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Sinks;

/// <summary>
/// Flink SQL's <c>SinkUpsertMaterializer</c>: placed before a sink with a primary key when the query's changes are
/// not keyed by that primary key (its upsert key is unknown or another one), it turns the changelog into one upsert
/// stream per sink key whose last value is always the row the query currently has for that key, whatever order the
/// changes of different upstream rows arrive in. The output schema is the input schema.
/// </summary>
/// <remarks>
/// <para><b>Semantics.</b> Per sink key (<see cref="RowKey"/> of the primary-key columns) the operator keeps the rows
/// currently alive for it, in arrival order. A <c>+I</c>/<c>+U</c> row is appended, replacing the alive row with the same
/// upsert key (when the input has one; without one, equal rows are kept as often as they were added), and is emitted
/// as the key's value: <c>+I</c> when the key had no row, <c>+U</c> otherwise. A <c>-U</c>/<c>-D</c> row
/// removes the alive row with its upsert key (or the first equal row): when none is left, <c>-D</c> of the removed
/// row is emitted; when the removed row was the last one, the new last row is emitted as <c>+U</c>; otherwise nothing
/// changes for the sink. A retraction of a row that is not alive (its state expired) is ignored. No <c>-U</c> is ever
/// emitted, so the sink can consume the output as upserts. The sink's value of a key is always its last alive row
/// (a new version of an alive row moves to the end, where Flink replaces it in place).</para>
/// <para><b>State.</b> The alive rows per sink key, with the optional time-to-live; the input must be
/// hash-partitioned by the primary-key columns. Restorable, also at another parallelism.</para>
/// <para><b>Threading.</b> All methods run on the owning task's thread, never concurrently.</para>
/// <para><b>Lifecycle.</b> <see cref="Open"/> creates the keyed backend and declares (restores) the state; each input
/// batch is consumed and at most one output batch emitted.</para>
/// </remarks>
public sealed class SinkUpsertMaterializeOperator : StreamOperator
{
    private readonly Schema _schema;
    private readonly StateTtlConfig? _stateTtl;
    private readonly RowEncoder _primaryKeyEncoder;
    private readonly RowEncoder? _upsertKeyEncoder;
    private readonly RowEncoder _rowEncoder;
    private IKeyedStateBackend<RowKey>? _backend;
    private IValueState<List<MaterializedRow>>? _rows;

    /// <summary>Creates the operator.</summary>
    /// <param name="schema">The schema of the input (and output) rows: the sink's columns.</param>
    /// <param name="primaryKey">The sink's primary-key columns.</param>
    /// <param name="upsertKey">The columns that identify a row of the input (its upsert key), or null when unknown.</param>
    /// <param name="stateTtl">The time-to-live of a key's rows, or null to keep them until retracted.</param>
    /// <exception cref="ArgumentException">There is no primary-key column, or a column cannot be encoded.</exception>
    public SinkUpsertMaterializeOperator(Schema schema, int[] primaryKey, int[]? upsertKey = null, StateTtlConfig? stateTtl = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(primaryKey);
        if (primaryKey.Length == 0)
        {
            throw new ArgumentException("Materializing the changes of an upsert sink needs its primary-key columns.", nameof(primaryKey));
        }

        _schema = schema;
        _stateTtl = stateTtl;
        _primaryKeyEncoder = new RowEncoder(schema, primaryKey);
        _upsertKeyEncoder = upsertKey is { Length: > 0 } ? new RowEncoder(schema, upsertKey) : null;
        _rowEncoder = RowEncoder.AllColumns(schema);
    }

    /// <inheritdoc />
    public override void Open(OperatorContext context)
    {
        base.Open(context);
        _backend = context.GetKeyedStateBackend(RowKeySerializer.Instance, RowKeyHasher.Instance);
        _rows = _backend.GetValueState(new ValueStateDescriptor<List<MaterializedRow>>("sink-upsert-materialize-rows", MaterializedRowsSerializer.Instance)
        {
            Ttl = _stateTtl,
        });
    }

    /// <inheritdoc />
    public override void ProcessBatch(IBatch batch, IOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var records = batch as RecordBatch
            ?? throw new ArgumentException($"{nameof(SinkUpsertMaterializeOperator)} takes record batches, not {batch?.GetType().Name}.", nameof(batch));
        var backend = _backend ?? throw new InvalidOperationException("The operator is not open.");
        var state = _rows!;
        using var builder = new RecordBatchBuilder(_schema, Math.Max(16, records.RowCount));
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            backend.SetCurrentKey(_primaryKeyEncoder.KeyOf(records, row));
            var alive = state.TryGet(out var stored) ? stored! : [];
            var entry = new MaterializedRow(_rowEncoder.RowOf(records, row), _upsertKeyEncoder?.KeyOf(records, row));
            if (records.GetRowKind(row) is RowKind.Insert or RowKind.UpdateAfter)
            {
                Add(alive, entry, builder);
            }
            else
            {
                Retract(alive, entry, builder);
            }

            if (alive.Count == 0)
            {
                state.Clear();
            }
            else
            {
                state.Update(alive);
            }
        }

        if (builder.RowCount > 0)
        {
            output.Collect(builder.Build());
        }
    }

    private void Add(List<MaterializedRow> alive, MaterializedRow entry, RecordBatchBuilder builder)
    {
        var kind = alive.Count == 0 ? RowKind.Insert : RowKind.UpdateAfter;
        var index = entry.UpsertKey is null ? -1 : IndexOf(alive, entry);
        if (index >= 0)
        {
            // The new version of an alive row: it becomes the last row, the one the sink now shows.
            alive.RemoveAt(index);
        }

        alive.Add(entry);
        Emit(entry.Row, kind, builder);
    }

    private void Retract(List<MaterializedRow> alive, MaterializedRow entry, RecordBatchBuilder builder)
    {
        var index = IndexOf(alive, entry);
        if (index < 0)
        {
            // Not alive: its state expired (TTL), or the changelog retracts a row it never added.
            return;
        }

        var removed = alive[index];
        alive.RemoveAt(index);
        if (alive.Count == 0)
        {
            Emit(removed.Row, RowKind.Delete, builder);
        }
        else if (index == alive.Count)
        {
            Emit(alive[^1].Row, RowKind.UpdateAfter, builder);
        }
    }

    /// <summary>The first alive row with the entry's upsert key (or, without one, equal to the entry's row); -1 when none.</summary>
    private static int IndexOf(List<MaterializedRow> alive, MaterializedRow entry)
    {
        for (var i = 0; i < alive.Count; i++)
        {
            if (entry.UpsertKey is null ? alive[i].Row.Equals(entry.Row) : entry.UpsertKey.Equals(alive[i].UpsertKey))
            {
                return i;
            }
        }

        return -1;
    }

    private void Emit(RowData row, RowKind kind, RecordBatchBuilder builder)
    {
        _rowEncoder.AppendTo(row.Bytes, builder, 0);
        builder.AppendRowKind(kind);
    }
}
