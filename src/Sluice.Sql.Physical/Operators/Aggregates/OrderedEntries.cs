namespace Sluice.Sql.Physical.Operators.Aggregates;

/// <summary>
/// Lists of values kept in arrival order by their order numbers (<see cref="AccumulatorSet.NextOrder"/>), as the
/// order-sensitive aggregates keep them (<c>FIRST_VALUE</c>, <c>LAST_VALUE</c>, <c>LISTAGG</c>, <c>ARRAY_AGG</c>).
/// </summary>
internal static class OrderedEntries
{
    /// <summary>
    /// Inserts <paramref name="value"/> after every entry with a smaller or equal order number: an append in the usual,
    /// in-order case; a binary search when a merge or another source brings an earlier order number.
    /// </summary>
    public static void Insert<T>(List<(T Value, long Order)> entries, T value, long order)
    {
        if (entries.Count == 0 || entries[^1].Order <= order)
        {
            entries.Add((value, order));
            return;
        }

        var low = 0;
        var high = entries.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (entries[mid].Order <= order)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        entries.Insert(low, (value, order));
    }
}
