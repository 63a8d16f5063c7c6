namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// The rows of one Top-N partition in sort order, as one array of entries: each entry is one byte array holding the
/// row's encoded sort key (<see cref="SortKeyEncoder"/>) followed by the encoded row (<see cref="RowEncoder"/>), so a
/// stored row is one object. Entries are ascending by sort key; rows with equal keys (a tie group) are adjacent, in tie
/// order. Entry i is the row at (0-based) position i, so its <c>ROW_NUMBER</c> is i + 1.
/// </summary>
/// <remarks>
/// Kept whole in one value state per partition (<see cref="TopNBufferSerializer"/>, which writes the tie groups as
/// before, so snapshots of either layout read back). Key lookup is a binary search over the entries; inserting and
/// removing move entry references. Not thread-safe.
/// </remarks>
internal sealed class TopNBuffer
{
    private Entry[] _entries;

    /// <summary>Creates an empty buffer with room for <paramref name="capacity"/> rows.</summary>
    public TopNBuffer(int capacity = 4) => _entries = new Entry[Math.Max(1, capacity)];

    /// <summary>The number of rows.</summary>
    public int RowCount { get; private set; }

    /// <summary>The sort key of the row at <paramref name="position"/>.</summary>
    public ReadOnlySpan<byte> KeyAt(int position)
    {
        var entry = _entries[position];
        return entry.Data.AsSpan(0, entry.KeyLength);
    }

    /// <summary>The encoded row at <paramref name="position"/>.</summary>
    public ReadOnlySpan<byte> RowAt(int position)
    {
        var entry = _entries[position];
        return entry.Data.AsSpan(entry.KeyLength);
    }

    /// <summary>
    /// The entry bytes (sort key, then row) of the row at <paramref name="position"/>, with the key's length: the same
    /// array for as long as the row is stored (entries are never changed in place), so it identifies the row.
    /// </summary>
    public byte[] DataAt(int position, out int keyLength)
    {
        var entry = _entries[position];
        keyLength = entry.KeyLength;
        return entry.Data;
    }

    /// <summary>The number of tie groups (distinct sort keys).</summary>
    public int GroupCount => DistinctKeysBefore(RowCount);

    /// <summary>The position of the first row whose key is not below <paramref name="key"/> (<see cref="RowCount"/> when none).</summary>
    public int LowerBound(ReadOnlySpan<byte> key)
    {
        var lo = 0;
        var hi = RowCount;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (KeyAt(mid).SequenceCompareTo(key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The position of the first row whose key is above <paramref name="key"/> (<see cref="RowCount"/> when none).</summary>
    public int UpperBound(ReadOnlySpan<byte> key)
    {
        var lo = 0;
        var hi = RowCount;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (KeyAt(mid).SequenceCompareTo(key) <= 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The end (exclusive) of the tie group that starts at <paramref name="start"/>.</summary>
    public int GroupEnd(int start)
    {
        var key = KeyAt(start);
        var end = start + 1;
        while (end < RowCount && KeyAt(end).SequenceEqual(key))
        {
            end++;
        }

        return end;
    }

    /// <summary>The number of distinct keys among the rows before <paramref name="position"/> (the dense rank of a group starting there, minus one).</summary>
    public int DistinctKeysBefore(int position)
    {
        var count = 0;
        for (var i = 0; i < position; i++)
        {
            if (i == 0 || !KeyAt(i).SequenceEqual(KeyAt(i - 1)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// Inserts an entry (<paramref name="keyLength"/> bytes of sort key, then the row; handed over, not copied) at
    /// <paramref name="position"/>, which must keep the entries in key order.
    /// </summary>
    public void InsertAt(int position, byte[] data, int keyLength)
    {
        if (RowCount == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        if (position < RowCount)
        {
            Array.Copy(_entries, position, _entries, position + 1, RowCount - position);
        }

        _entries[position] = new Entry(data, keyLength);
        RowCount++;
    }

    /// <summary>
    /// Adds an entry after the rows with an equal key, or before them when <paramref name="latestFirst"/>. Returns the
    /// row's position.
    /// </summary>
    public int Insert(byte[] data, int keyLength, bool latestFirst)
    {
        var key = data.AsSpan(0, keyLength);
        var position = latestFirst ? LowerBound(key) : UpperBound(key);
        InsertAt(position, data, keyLength);
        return position;
    }

    /// <summary>Appends an entry after every other (its key must be the largest); used when reading a snapshot.</summary>
    public void Append(byte[] data, int keyLength) => InsertAt(RowCount, data, keyLength);

    /// <summary>
    /// The position of the first row equal to <paramref name="row"/> among the rows with sort key <paramref name="key"/>,
    /// or -1 when there is none.
    /// </summary>
    public int IndexOf(ReadOnlySpan<byte> key, ReadOnlySpan<byte> row)
    {
        for (var i = LowerBound(key); i < RowCount; i++)
        {
            var entry = _entries[i];
            var data = entry.Data.AsSpan();
            if (!data[..entry.KeyLength].SequenceEqual(key))
            {
                break;
            }

            if (data[entry.KeyLength..].SequenceEqual(row))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Removes the row at <paramref name="position"/>; returns its entry bytes (key, then row) and key length.</summary>
    public byte[] RemoveAt(int position, out int keyLength)
    {
        var removed = _entries[position];
        RowCount--;
        if (position < RowCount)
        {
            Array.Copy(_entries, position + 1, _entries, position, RowCount - position);
        }

        _entries[RowCount] = default;
        keyLength = removed.KeyLength;
        return removed.Data;
    }

    /// <summary>The rank of a tie group starting at <paramref name="start"/> (RANK: rows before + 1; DENSE_RANK: keys before + 1).</summary>
    public long RankOfGroupAt(RankFunction function, int start) => function switch
    {
        RankFunction.Rank => start + 1L,
        RankFunction.DenseRank => DistinctKeysBefore(start) + 1L,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "ROW_NUMBER is per row, not per group."),
    };

    /// <summary>
    /// Drops the rows whose rank is above <paramref name="rankEnd"/>. Only for insert-only input: ranks never go
    /// down there, so a dropped row could never come back into range.
    /// </summary>
    public void Truncate(RankFunction function, long rankEnd)
    {
        if (RowCount <= rankEnd)
        {
            return;
        }

        var keep = function switch
        {
            RankFunction.RowNumber => (int)rankEnd,
            RankFunction.Rank => GroupStartAbove(rankEnd, dense: false),
            _ => GroupStartAbove(rankEnd, dense: true),
        };
        Array.Clear(_entries, keep, RowCount - keep);
        RowCount = keep;
    }

    /// <summary>The start of the first tie group whose rank is above <paramref name="rankEnd"/>, or <see cref="RowCount"/>.</summary>
    private int GroupStartAbove(long rankEnd, bool dense)
    {
        var groups = 0L;
        for (var start = 0; start < RowCount; start = GroupEnd(start))
        {
            groups++;
            if ((dense ? groups : start + 1L) > rankEnd)
            {
                return start;
            }
        }

        return RowCount;
    }

    private readonly record struct Entry(byte[] Data, int KeyLength);
}
