using Sluice.State.Keyed;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Rows kept per key in time order (<see cref="TimeOrderedRows"/>, in a value state) for the joins whose rows leave state by
/// time: the interval join's sides and the temporal join's buffered rows and versions. Rows are kept encoded, in blocks
/// of a pooled <see cref="JoinRowsArena"/>, and decoded only into the output.
/// </summary>
/// <remarks>
/// <para><b>Order.</b> <see cref="Insert"/> keeps each key's entries in timestamp order, equal times in arrival order: a row
/// not older than the key's newest is appended (the common case, rows arriving in about time order), an older one is
/// moved into place past the entries at or before its time.</para>
/// <para><b>Blocks.</b> Keys only lose rows through their owner (no time-to-live), so blocks always go back to the arena;
/// <see cref="CompactIfWasteful"/> moves every key's rows into new pages when the free blocks outweigh those in use.</para>
/// <para><b>Threading.</b> Task thread only, like the backend.</para>
/// </remarks>
internal sealed class TimeOrderedRowsState
{
    private readonly string _name;
    private IValueState<TimeOrderedRows>? _state;
    private IKeyedStateBackend<RowKey>? _backend;

    /// <summary>Creates the state.</summary>
    /// <param name="name">The name of the value state.</param>
    /// <param name="matches">Entries carry a match count (an outer side's matched flag).</param>
    public TimeOrderedRowsState(string name, bool matches)
    {
        _name = name;
        Layout = new JoinRowsLayout(matches, hasTimestamps: true, new JoinRowsArena(pooled: true));
    }

    /// <summary>The layout of the entries (with timestamps: the rows' times).</summary>
    public JoinRowsLayout Layout { get; }

    /// <summary>Declares (restores) the state.</summary>
    public void Open(IKeyedStateBackend<RowKey> backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        _backend = backend;
        Layout.Arena.Reset();
        _state = backend.GetValueState(new ValueStateDescriptor<TimeOrderedRows>(_name, new TimeOrderedRowsSerializer(Layout)));
    }

    /// <summary>The current key's rows (empty when it has none).</summary>
    public TimeOrderedRows Load()
    {
        var state = _state ?? throw new InvalidOperationException("The join state is not open.");
        return state.TryGet(out var rows) ? rows : default;
    }

    /// <summary>Stores <paramref name="rows"/> as the current key's rows (clears the key when there are none).</summary>
    public void Store(TimeOrderedRows rows)
    {
        var state = _state ?? throw new InvalidOperationException("The join state is not open.");
        if (rows.IsEmpty)
        {
            state.Clear();
        }
        else
        {
            state.Update(rows);
        }
    }

    /// <summary><paramref name="rows"/> with <paramref name="row"/> at <paramref name="time"/>, after the entries at or before that time.</summary>
    public TimeOrderedRows Insert(TimeOrderedRows rows, ReadOnlySpan<byte> row, long matches, long time)
    {
        if (rows.IsEmpty || time >= rows.Newest)
        {
            return new TimeOrderedRows(Layout.Append(rows.Rows, row, 1, matches, time), time);
        }

        var at = After(rows.Rows, time);
        return rows with { Rows = Layout.InsertAt(rows.Rows, at, row, 1, matches, time) };
    }

    /// <summary>The offset of the first entry of <paramref name="rows"/> later than <paramref name="time"/>, or their end.</summary>
    public int After(JoinRows rows, long time)
    {
        var buffer = rows.Buffer;
        var end = rows.End;
        var entry = rows.Offset;
        while (entry < end && Layout.Timestamp(buffer!, entry) <= time)
        {
            entry = Layout.Next(buffer!, entry);
        }

        return entry;
    }

    /// <summary>
    /// When the arena's free lists hold more than its blocks in use (and at least <see cref="JoinSideState.CompactionThreshold"/>),
    /// moves every key's rows into new pages (one pass over the keys) and lets the old pages go. Changes the backend's
    /// current key; call between rows. Returns true when it moved the rows.
    /// </summary>
    public bool CompactIfWasteful()
    {
        if (!Layout.Arena.IsWasteful(JoinSideState.CompactionThreshold))
        {
            return false;
        }

        Compact();
        return true;
    }

    /// <summary>Moves every key's rows into new pages of the arena (see <see cref="CompactIfWasteful"/>).</summary>
    internal void Compact()
    {
        var backend = _backend ?? throw new InvalidOperationException("The join state is not open.");
        var state = _state!;
        var keys = backend.GetKeys(_name);
        Layout.Arena.Reset();
        foreach (var key in keys)
        {
            backend.SetCurrentKey(key);
            if (state.TryGet(out var rows) && !rows.IsEmpty)
            {
                state.Update(rows with { Rows = Layout.Copy(rows.Rows.Used, rows.Rows.Entries) });
            }
        }
    }
}
