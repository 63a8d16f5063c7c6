namespace Sluice.Sql.Physical.Operators;

/// <summary>
/// The accumulators of one group: the number of rows, and per aggregate call the count of non-null values, the
/// sum (exact or floating) and, for MIN/MAX, a multiset of the values (value → count) so that retraction works.
/// </summary>
internal sealed class GroupAccumulator
{
    public GroupAccumulator(int calls)
    {
        Counts = new long[calls];
        ExactSums = new decimal[calls];
        FloatSums = new double[calls];
        ExactValues = new SortedDictionary<decimal, long>?[calls];
        FloatValues = new SortedDictionary<double, long>?[calls];
    }

    /// <summary>The net number of rows of the group (additions minus retractions).</summary>
    public long RowCount { get; set; }

    public long[] Counts { get; }

    public decimal[] ExactSums { get; }

    public double[] FloatSums { get; }

    public SortedDictionary<decimal, long>?[] ExactValues { get; }

    public SortedDictionary<double, long>?[] FloatValues { get; }
}
