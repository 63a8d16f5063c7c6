namespace Sluice.Sql.Physical.Operators.Rank;

/// <summary>
/// The ranks a Top-N keeps, both ends inclusive and 1-based: <c>rn &lt;= N</c> is <c>(1, N)</c>, <c>rn = 1</c> is
/// <c>(1, 1)</c>, <c>rn BETWEEN 2 AND 5</c> is <c>(2, 5)</c>. Immutable.
/// </summary>
public readonly record struct RankRange
{
    /// <summary>Creates a range.</summary>
    /// <param name="start">The first kept rank (at least 1).</param>
    /// <param name="end">The last kept rank (at least <paramref name="start"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">The range is empty or starts below 1.</exception>
    public RankRange(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(start, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        Start = start;
        End = end;
    }

    /// <summary>The first kept rank (1-based).</summary>
    public long Start { get; }

    /// <summary>The last kept rank (inclusive).</summary>
    public long End { get; }

    /// <summary>The range <c>rank &lt;= n</c>.</summary>
    public static RankRange Top(long n) => new(1, n);

    /// <summary>True when <paramref name="rank"/> is in the range.</summary>
    public bool Contains(long rank) => rank >= Start && rank <= End;

    /// <inheritdoc />
    public override string ToString() => $"rank {Start}..{End}";
}
