using Sluice.Core.Batches;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The rows of one batch of a keyed, insert-only input grouped by key, keys in the order they first appear, for the
/// operators that process each key's rows together at processing time (OVER aggregation, <c>MATCH_RECOGNIZE</c>; their
/// event-time path is <see cref="EventTimeRowBuffer"/>). The groups are reused from batch to batch.
/// </summary>
/// <remarks>Task thread only, like the operator that owns it.</remarks>
internal sealed class KeyedRowGroups(RowEncoder keyEncoder, RowEncoder rowEncoder)
{
    private readonly Dictionary<RowKey, List<RowData>> _rows = [];
    private readonly List<RowKey> _order = [];

    /// <summary>
    /// Groups the rows of <paramref name="records"/> (each checked by <paramref name="ensureInsert"/> first), then makes
    /// each key in turn the backend's current key and hands <paramref name="process"/> its rows in arrival order.
    /// </summary>
    public void ForEachKey(RecordBatch records, IKeyedStateBackend<RowKey> backend, Action<RecordBatch, int> ensureInsert,
        Action<List<RowData>> process)
    {
        try
        {
            for (var i = 0; i < records.RowCount; i++)
            {
                var row = records.PhysicalRow(i);
                ensureInsert(records, row);
                var key = keyEncoder.KeyOf(records, row);
                if (!_rows.TryGetValue(key, out var rows))
                {
                    rows = [];
                    _rows.Add(key, rows);
                    _order.Add(key);
                }

                rows.Add(rowEncoder.RowOf(records, row));
            }

            foreach (var key in _order)
            {
                backend.SetCurrentKey(key);
                process(_rows[key]);
            }
        }
        finally
        {
            _rows.Clear();
            _order.Clear();
        }
    }
}
