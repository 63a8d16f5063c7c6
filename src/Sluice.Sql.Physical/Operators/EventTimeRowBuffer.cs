using Sluice.Core.Batches;
using Sluice.Core.Serialization;
using Sluice.Core.Vectors;
using Sluice.Runtime.Time;
using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The rows of a keyed, insert-only, event-time input held back until the watermark passes their time, for the operators
/// that process each key's rows in time order (OVER aggregation, <c>MATCH_RECOGNIZE</c>): per key, a map state from the
/// event time (milliseconds) to the rows of that time in arrival order, and one event-time timer per key and time. A row
/// whose time is NULL or not after the current watermark is late: dropped and counted. The rows are keyed state, so
/// checkpoints include them.
/// </summary>
/// <remarks>Task thread only, like the operator that owns it.</remarks>
internal sealed class EventTimeRowBuffer
{
    private static readonly ITypeSerializer<List<RowData>> RowsSerializer = Serializers.ListOf(RowDataSerializer.Instance);

    private readonly IKeyedStateBackend<RowKey> _backend;
    private readonly IMapState<long, List<RowData>> _rows;
    private readonly TimerService<RowKey, VoidNamespace> _timers;
    private readonly RowEncoder _keyEncoder;
    private readonly RowEncoder _rowEncoder;

    /// <summary>Declares (or restores) the buffer's state <paramref name="stateName"/> in <paramref name="backend"/>.</summary>
    public EventTimeRowBuffer(IKeyedStateBackend<RowKey> backend, string stateName, TimerService<RowKey, VoidNamespace> timers,
        RowEncoder keyEncoder, RowEncoder rowEncoder)
    {
        _backend = backend;
        _rows = backend.GetMapState(new MapStateDescriptor<long, List<RowData>>(stateName, Serializers.Int64, RowsSerializer));
        _timers = timers;
        _keyEncoder = keyEncoder;
        _rowEncoder = rowEncoder;
    }

    /// <summary>Rows dropped because their time was NULL or not after the watermark when they came.</summary>
    public long LateRowsDropped { get; private set; }

    /// <summary>True when the current key has no row waiting.</summary>
    public bool IsEmpty => !_rows.Keys().Any();

    /// <summary>
    /// Buffers every row of <paramref name="records"/> under its key (which becomes the backend's current key), registering
    /// a timer for each new key and time; <paramref name="ensureInsert"/> checks each row's kind first.
    /// </summary>
    public void Add(RecordBatch records, int timeColumn, long watermark, Action<RecordBatch, int> ensureInsert)
    {
        var time = (PrimitiveVector<long>)records.Column(timeColumn);
        for (var i = 0; i < records.RowCount; i++)
        {
            var row = records.PhysicalRow(i);
            ensureInsert(records, row);
            if (time.IsNull(row))
            {
                LateRowsDropped++;
                continue;
            }

            var timestamp = Windows.WindowTime.Millis(time, row);
            if (timestamp <= watermark)
            {
                LateRowsDropped++;
                continue;
            }

            _backend.SetCurrentKey(_keyEncoder.KeyOf(records, row));
            if (!_rows.TryGet(timestamp, out var rows))
            {
                rows = [];
                _timers.RegisterEventTimeTimer(VoidNamespace.Instance, timestamp);
            }

            rows.Add(_rowEncoder.RowOf(records, row));
            _rows.Put(timestamp, rows);
        }
    }

    /// <summary>Removes and returns the current key's rows of <paramref name="timestamp"/> (its timer fired), in arrival order.</summary>
    public bool TryTake(long timestamp, out List<RowData> rows)
    {
        if (!_rows.TryGet(timestamp, out rows!))
        {
            return false;
        }

        _rows.Remove(timestamp);
        return true;
    }
}
