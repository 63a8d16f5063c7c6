namespace Sluice.Sql.Physical.Tests.Golden;

/// <summary>Applies a changelog (<c>+I[..]</c>, <c>-U[..]</c>, <c>+U[..]</c>, <c>-D[..]</c> lines) to a multiset of rows.</summary>
internal static class GoldenChangelog
{
    /// <summary>
    /// The final rows after every change, sorted ordinally (one line per copy of a row). Changes from parallel
    /// subtasks may interleave, so a retraction may come before its row's insertion; only the final counts must not be
    /// negative.
    /// </summary>
    /// <exception cref="InvalidOperationException">A line has no kind, or a row was retracted more often than inserted.</exception>
    public static IReadOnlyList<string> Materialize(IEnumerable<string> changelog)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in changelog)
        {
            var row = line.Length > 2 ? line[2..] : throw new InvalidOperationException($"Not a change: '{line}'.");
            var delta = line[..2] switch
            {
                "+I" or "+U" => 1,
                "-U" or "-D" => -1,
                _ => throw new InvalidOperationException($"Not a change: '{line}'."),
            };
            counts[row] = counts.GetValueOrDefault(row) + delta;
        }

        var negative = counts.Where(c => c.Value < 0).Select(c => $"{c.Key} ({c.Value})").ToList();
        if (negative.Count > 0)
        {
            throw new InvalidOperationException("Rows retracted more often than inserted: " + string.Join(", ", negative));
        }

        return [.. counts.OrderBy(c => c.Key, StringComparer.Ordinal).SelectMany(c => Enumerable.Repeat(c.Key, c.Value))];
    }
}
