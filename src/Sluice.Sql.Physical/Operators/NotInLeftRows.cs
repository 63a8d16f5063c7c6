using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The left side of a null-aware anti join (<see cref="NullAwareAntiJoinOperator"/>,
/// <see cref="NullAwareRowAntiJoinOperator"/>): the stored left rows with their multiplicity, grouped by their
/// <c>NOT IN</c> key, and the emission of left rows into the output. Which rows qualify is the operator's business.
/// </summary>
/// <remarks>
/// The rows of one key live under that key in the keyed state backend (map state <c>{prefix}-left-by-key</c>, row to
/// multiplicity), so that a change of one right key visits only the left rows it can affect rather than every stored
/// row. The operators keep their own state under a constant <em>home</em> key; every method here leaves the backend
/// on that key. Snapshots of the earlier form (all rows under the home key, in <c>{prefix}-left-rows</c> and
/// <c>{prefix}-left-keys</c>) are moved into this form when the operator opens.
/// </remarks>
/// <param name="rows">The encoder of whole left rows (the output schema).</param>
/// <param name="home">The backend key the operator keeps its other state under.</param>
internal sealed class NotInLeftRows(RowEncoder rows, RowKey home)
{
    private const byte KeyMarker = 0x4b;
    private readonly RowEncoder _rows = rows;
    private readonly RowKey _home = home;
    private IKeyedStateBackend<RowKey>? _backend;
    private IMapState<RowData, long>? _byKey;
    private string _stateName = "";

    /// <summary>
    /// Declares (restores) the state, named <c>{prefix}-left-by-key</c>, and moves rows restored in the earlier form
    /// into it.
    /// </summary>
    public void Open(IKeyedStateBackend<RowKey> backend, string prefix, StateTtlConfig? ttl)
    {
        _backend = backend;
        _stateName = $"{prefix}-left-by-key";
        _byKey = backend.GetMapState(new MapStateDescriptor<RowData, long>(_stateName, RowDataSerializer.Instance, Serializers.Int64) { Ttl = ttl });
        var legacyCounts = backend.GetMapState(new MapStateDescriptor<RowData, long>($"{prefix}-left-rows", RowDataSerializer.Instance, Serializers.Int64) { Ttl = ttl });
        var legacyKeys = backend.GetMapState(new MapStateDescriptor<RowData, RowData>($"{prefix}-left-keys", RowDataSerializer.Instance, RowDataSerializer.Instance) { Ttl = ttl });
        backend.SetCurrentKey(_home);
        var legacy = new List<(RowData Row, long Times, RowData Key)>();
        foreach (var (row, times) in legacyCounts.Entries())
        {
            if (legacyKeys.TryGet(row, out var key))
            {
                legacy.Add((row, times, key));
            }
        }

        legacyCounts.Clear();
        legacyKeys.Clear();
        foreach (var (row, times, key) in legacy)
        {
            backend.SetCurrentKey(BackendKey(key));
            _byKey.TryGet(row, out var stored);
            _byKey.Put(row, stored + times);
        }

        backend.SetCurrentKey(_home);
    }

    /// <summary>
    /// Adds (<paramref name="additive"/>) or removes one <paramref name="row"/> with its <paramref name="key"/>, and
    /// emits it as +I or -D when it <paramref name="qualifies"/>. Removing a row that is not stored does nothing.
    /// </summary>
    /// <returns>True when the key gained its first row or lost its last one.</returns>
    public bool Apply(RecordBatchBuilder builder, RowData row, RowData key, bool additive, bool qualifies)
    {
        var state = _byKey!;
        _backend!.SetCurrentKey(BackendKey(key));
        try
        {
            state.TryGet(row, out var count);
            if (additive)
            {
                var first = state.IsEmpty;
                state.Put(row, count + 1);
                if (qualifies)
                {
                    Emit(builder, RowKind.Insert, row, 1);
                }

                return first;
            }

            if (count == 0)
            {
                return false;
            }

            if (count == 1)
            {
                state.Remove(row);
            }
            else
            {
                state.Put(row, count - 1);
            }

            if (qualifies)
            {
                Emit(builder, RowKind.Delete, row, 1);
            }

            return count == 1 && state.IsEmpty;
        }
        finally
        {
            _backend.SetCurrentKey(_home);
        }
    }

    /// <summary>The keys that have stored rows (a copy: the caller may change the state while it reads).</summary>
    public List<RowData> Keys()
    {
        var keys = new List<RowData>();
        foreach (var backendKey in _backend!.GetKeys(_stateName))
        {
            var bytes = backendKey.Bytes.Span;
            if (bytes.Length > 0 && bytes[0] == KeyMarker)
            {
                keys.Add(new RowData(bytes[1..].ToArray()));
            }
        }

        return keys;
    }

    /// <summary>
    /// Emits every stored row of <paramref name="key"/> (each as often as it is stored) as <paramref name="kind"/>.
    /// </summary>
    public void EmitRowsOf(RecordBatchBuilder builder, RowData key, RowKind kind)
    {
        var state = _byKey!;
        _backend!.SetCurrentKey(BackendKey(key));
        try
        {
            foreach (var (row, times) in state.Entries())
            {
                Emit(builder, kind, row, times);
            }
        }
        finally
        {
            _backend.SetCurrentKey(_home);
        }
    }

    /// <summary>Appends <paramref name="row"/> <paramref name="times"/> times as <paramref name="kind"/>.</summary>
    private void Emit(RecordBatchBuilder builder, RowKind kind, RowData row, long times)
    {
        for (var n = 0; n < times; n++)
        {
            _rows.AppendTo(row.Bytes, builder, 0);
            builder.AppendRowKind(kind);
        }
    }

    /// <summary>The backend key of the rows of <paramref name="key"/>: a marker byte, then the key's bytes.</summary>
    private static RowKey BackendKey(RowData key)
    {
        var span = key.Bytes.Span;
        var bytes = new byte[span.Length + 1];
        bytes[0] = KeyMarker;
        span.CopyTo(bytes.AsSpan(1));
        return new RowKey(bytes);
    }
}
