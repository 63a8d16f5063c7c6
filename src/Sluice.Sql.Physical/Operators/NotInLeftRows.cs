using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The left side of a null-aware anti join (<see cref="NullAwareAntiJoinOperator"/>,
/// <see cref="NullAwareRowAntiJoinOperator"/>): each stored left row with its multiplicity and its key, under the
/// operator's current key, and the emission of left rows into the output. Which rows qualify is the operator's
/// business.
/// </summary>
/// <param name="rows">The encoder of whole left rows (the output schema).</param>
internal sealed class NotInLeftRows(RowEncoder rows)
{
    private readonly RowEncoder _rows = rows;
    private IMapState<RowData, long>? _counts;
    private IMapState<RowData, RowData>? _keys;

    /// <summary>Declares (restores) the states, named <c>{prefix}-left-rows</c> and <c>{prefix}-left-keys</c>.</summary>
    public void Open(IKeyedStateBackend<RowKey> backend, string prefix, StateTtlConfig? ttl)
    {
        _counts = backend.GetMapState(new MapStateDescriptor<RowData, long>($"{prefix}-left-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = ttl });
        _keys = backend.GetMapState(new MapStateDescriptor<RowData, RowData>($"{prefix}-left-keys", RowDataSerializer.Instance, RowDataSerializer.Instance) { Ttl = ttl });
    }

    /// <summary>
    /// Adds (<paramref name="additive"/>) or removes one <paramref name="row"/> with its <paramref name="key"/>, and
    /// emits it as +I or -D when it <paramref name="qualifies"/>. Removing a row that is not stored does nothing.
    /// </summary>
    public void Apply(RecordBatchBuilder builder, RowData row, RowData key, bool additive, bool qualifies)
    {
        _counts!.TryGet(row, out var count);
        if (additive)
        {
            _counts.Put(row, count + 1);
            _keys!.Put(row, key);
            if (qualifies)
            {
                Emit(builder, RowKind.Insert, row, 1);
            }
        }
        else if (count > 0)
        {
            if (count == 1)
            {
                _counts.Remove(row);
                _keys!.Remove(row);
            }
            else
            {
                _counts.Put(row, count - 1);
            }

            if (qualifies)
            {
                Emit(builder, RowKind.Delete, row, 1);
            }
        }
    }

    /// <summary>The stored rows with their multiplicity and key (a copy: the caller may change the state while it reads).</summary>
    public List<(RowData Row, long Times, RowData Key)> Stored()
    {
        var stored = new List<(RowData Row, long Times, RowData Key)>();
        foreach (var (row, times) in _counts!.Entries())
        {
            if (_keys!.TryGet(row, out var key))
            {
                stored.Add((row, times, key));
            }
        }

        return stored;
    }

    /// <summary>Appends <paramref name="row"/> <paramref name="times"/> times as <paramref name="kind"/>.</summary>
    public void Emit(RecordBatchBuilder builder, RowKind kind, RowData row, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rows.AppendTo(row.Bytes, builder, 0);
            builder.AppendRowKind(kind);
        }
    }
}
