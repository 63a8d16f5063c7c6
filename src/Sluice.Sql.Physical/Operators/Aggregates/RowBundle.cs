using Sluice.Core.Batches;

namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// The input rows of a mini-batch (a bundle) grouped by key, without copying them: the bundle keeps the input batches
/// it was given (and disposes them when cleared) and, per key in order of first appearance, the positions of the key's
/// rows in them. Reading the rows back gives each key's rows in arrival order.
/// </summary>
/// <remarks><b>Threading.</b> Task thread only. The lists are reused from bundle to bundle, so a steady key set costs
/// no allocation per bundle beyond the lists' growth.</remarks>
internal sealed class RowBundle : IDisposable
{
    private readonly RowKeyCache _keys;
    private readonly Dictionary<RowKey, int> _groupOf = [];
    private readonly List<RowKey> _keyOrder = [];
    private readonly List<List<long>> _groupRows = [];
    private readonly List<RecordBatch> _batches = [];
    private readonly List<int> _arrivalGroups = [];
    private readonly bool _trackArrival;

    /// <summary>Creates an empty bundle whose keys <paramref name="keyEncoder"/> encodes.</summary>
    /// <param name="keyEncoder">Encodes a row's key.</param>
    /// <param name="trackArrival">Also keep the group of every row in arrival order (<see cref="ArrivalGroup"/>), for
    /// folding the rows one at a time.</param>
    public RowBundle(RowEncoder keyEncoder, bool trackArrival = false)
    {
        _keys = new RowKeyCache(keyEncoder);
        _trackArrival = trackArrival;
    }

    /// <summary>
    /// The group of the <paramref name="index"/>-th row buffered (arrival order, across batches); only with arrival
    /// tracking. The row itself is the next entry of that group's <see cref="RowsOf"/> list not yet read.
    /// </summary>
    public int ArrivalGroup(int index) => _arrivalGroups[index];

    /// <summary>The number of rows buffered.</summary>
    public long RowCount { get; private set; }

    /// <summary>True when every buffered row accumulates (+I or +U): no row retracts.</summary>
    public bool AllAdditive { get; private set; } = true;

    /// <summary>The number of distinct keys buffered.</summary>
    public int GroupCount => _keyOrder.Count;

    /// <summary>The key of group <paramref name="group"/> (0 is the first key seen).</summary>
    public RowKey KeyAt(int group) => _keyOrder[group];

    /// <summary>The rows of group <paramref name="group"/> in arrival order, as entries for <see cref="BatchOf"/> and <see cref="RowOf"/>.</summary>
    public List<long> RowsOf(int group) => _groupRows[group];

    /// <summary>The batch an entry's row is in.</summary>
    public RecordBatch BatchOf(long entry) => _batches[(int)(entry >>> 32)];

    /// <summary>The physical row of an entry in its batch.</summary>
    public static int RowOf(long entry) => (int)(entry & 0xFFFF_FFFF);

    /// <summary>Buffers every row of <paramref name="batch"/>; the bundle takes ownership of the batch.</summary>
    public void Add(RecordBatch batch)
    {
        if (batch.RowCount == 0)
        {
            batch.Dispose();
            return;
        }

        var index = (long)_batches.Count << 32;
        _batches.Add(batch);
        if (batch.HasRowKinds && AllAdditive)
        {
            for (var i = 0; i < batch.RowCount; i++)
            {
                if (!batch.GetRowKind(batch.PhysicalRow(i)).IsAdditive())
                {
                    AllAdditive = false;
                    break;
                }
            }
        }
        for (var i = 0; i < batch.RowCount; i++)
        {
            var row = batch.PhysicalRow(i);
            var key = _keys.KeyOf(batch, row);
            if (!_groupOf.TryGetValue(key, out var group))
            {
                group = _keyOrder.Count;
                _groupOf.Add(key, group);
                _keyOrder.Add(key);
                if (group == _groupRows.Count)
                {
                    _groupRows.Add([]);
                }
            }

            _groupRows[group].Add(index | (uint)row);
            if (_trackArrival)
            {
                _arrivalGroups.Add(group);
            }
        }

        RowCount += batch.RowCount;
    }

    /// <summary>Forgets every row and disposes the buffered batches.</summary>
    public void Clear()
    {
        for (var g = 0; g < _keyOrder.Count; g++)
        {
            _groupRows[g].Clear();
        }

        _groupOf.Clear();
        _keyOrder.Clear();
        _arrivalGroups.Clear();
        foreach (var batch in _batches)
        {
            batch.Dispose();
        }

        _batches.Clear();
        RowCount = 0;
        AllAdditive = true;
    }

    /// <inheritdoc />
    public void Dispose() => Clear();
}
