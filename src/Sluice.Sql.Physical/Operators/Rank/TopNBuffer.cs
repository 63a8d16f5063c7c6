namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// The rows of one Top-N partition in sort order: groups of rows with equal sort keys (<see cref="SortGroup"/>),
/// ascending by encoded key; within a group, rows in tie order. Row i of the concatenation is the row at
/// (0-based) position i, so its <c>ROW_NUMBER</c> is i + 1.
/// </summary>
/// <remarks>
/// Kept whole in one value state per partition (<see cref="TopNBufferSerializer"/>). Group lookup is a binary
/// search; positions are found by summing group sizes. Not thread-safe.
/// </remarks>
internal sealed class TopNBuffer
{
    private readonly List<SortGroup> _groups = [];

    /// <summary>The groups, ascending by sort key.</summary>
    public IReadOnlyList<SortGroup> Groups => _groups;

    /// <summary>The number of rows in all groups.</summary>
    public int RowCount { get; private set; }

    /// <summary>Appends a group after every other (its key must be the largest); used when reading a snapshot.</summary>
    public void AppendGroup(SortGroup group)
    {
        _groups.Add(group);
        RowCount += group.Rows.Count;
    }

    /// <summary>The index of the group of <paramref name="key"/>, or where it would be inserted.</summary>
    public int FindGroup(ReadOnlySpan<byte> key, out bool found)
    {
        var lo = 0;
        var hi = _groups.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var cmp = _groups[mid].Key.AsSpan().SequenceCompareTo(key);
            if (cmp == 0)
            {
                found = true;
                return mid;
            }

            if (cmp < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        found = false;
        return lo;
    }

    /// <summary>The number of rows in the groups before group <paramref name="groupIndex"/>.</summary>
    public int RowsBefore(int groupIndex)
    {
        var count = 0;
        for (var g = 0; g < groupIndex; g++)
        {
            count += _groups[g].Rows.Count;
        }

        return count;
    }

    /// <summary>
    /// Adds <paramref name="row"/> with sort key <paramref name="key"/>: after the rows with an equal key, or before
    /// them when <paramref name="latestFirst"/>. Returns the row's position.
    /// </summary>
    public int Insert(byte[] key, RowData row, bool latestFirst, out int groupIndex, out bool newGroup)
    {
        groupIndex = FindGroup(key, out var found);
        newGroup = !found;
        if (!found)
        {
            _groups.Insert(groupIndex, new SortGroup(key));
        }

        var rows = _groups[groupIndex].Rows;
        var before = RowsBefore(groupIndex);
        RowCount++;
        if (latestFirst)
        {
            rows.Insert(0, row);
            return before;
        }

        rows.Add(row);
        return before + rows.Count - 1;
    }

    /// <summary>
    /// Removes the first row equal to <paramref name="row"/> among the rows with sort key <paramref name="key"/>.
    /// Returns the position it had, or -1 when there is no such row (nothing changes).
    /// </summary>
    public int Remove(ReadOnlySpan<byte> key, RowData row, out int groupIndex, out bool groupRemoved)
    {
        groupRemoved = false;
        groupIndex = FindGroup(key, out var found);
        if (!found)
        {
            return -1;
        }

        var rows = _groups[groupIndex].Rows;
        var index = rows.IndexOf(row);
        if (index < 0)
        {
            return -1;
        }

        var position = RowsBefore(groupIndex) + index;
        rows.RemoveAt(index);
        RowCount--;
        if (rows.Count == 0)
        {
            _groups.RemoveAt(groupIndex);
            groupRemoved = true;
        }

        return position;
    }

    /// <summary>The rows from position <paramref name="position"/> to the end, in order.</summary>
    public IEnumerable<RowData> RowsFrom(int position)
    {
        var skip = position;
        foreach (var group in _groups)
        {
            var rows = group.Rows;
            if (skip >= rows.Count)
            {
                skip -= rows.Count;
                continue;
            }

            for (var i = skip; i < rows.Count; i++)
            {
                yield return rows[i];
            }

            skip = 0;
        }
    }

    /// <summary>The row at <paramref name="position"/> (0-based, less than <see cref="RowCount"/>).</summary>
    public RowData RowAt(int position)
    {
        var skip = position;
        foreach (var group in _groups)
        {
            if (skip < group.Rows.Count)
            {
                return group.Rows[skip];
            }

            skip -= group.Rows.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(position), position, $"The buffer holds {RowCount} rows.");
    }

    /// <summary>The rank of group <paramref name="groupIndex"/>'s rows, given the rows before it.</summary>
    public static long RankOf(RankFunction function, int groupIndex, int rowsBefore) => function switch
    {
        RankFunction.Rank => rowsBefore + 1L,
        RankFunction.DenseRank => groupIndex + 1L,
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

        switch (function)
        {
            case RankFunction.RowNumber:
                while (RowCount > rankEnd)
                {
                    var last = _groups[^1].Rows;
                    var drop = (int)Math.Min(last.Count, RowCount - rankEnd);
                    last.RemoveRange(last.Count - drop, drop);
                    RowCount -= drop;
                    if (last.Count == 0)
                    {
                        _groups.RemoveAt(_groups.Count - 1);
                    }
                }

                break;
            default:
                var before = 0;
                for (var g = 0; g < _groups.Count; g++)
                {
                    if (RankOf(function, g, before) > rankEnd)
                    {
                        _groups.RemoveRange(g, _groups.Count - g);
                        RowCount = before;
                        break;
                    }

                    before += _groups[g].Rows.Count;
                }

                break;
        }
    }
}
