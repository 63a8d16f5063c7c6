namespace Sluice.Sql.Physical.Operators.Over;

/// <summary>
/// The frame of an OVER window ordered by a time attribute, ending at the current row: <c>ROWS BETWEEN UNBOUNDED |
/// n PRECEDING AND CURRENT ROW</c> or <c>RANGE BETWEEN UNBOUNDED | INTERVAL PRECEDING AND CURRENT ROW</c>. Immutable.
/// </summary>
/// <remarks>
/// ROWS frames count rows: the current row and the <see cref="Preceding"/> rows before it in time order (rows with
/// the same time in arrival order). RANGE frames cover times: every row whose time is within <see cref="Preceding"/>
/// milliseconds before the current row's time (inclusive), so rows with the same time see each other and get the same
/// results. <see cref="Preceding"/> is null for UNBOUNDED.
/// </remarks>
public sealed record OverFrame
{
    private OverFrame(bool isRows, long? preceding)
    {
        IsRows = isRows;
        Preceding = preceding;
    }

    /// <summary>True for a ROWS frame, false for a RANGE frame.</summary>
    public bool IsRows { get; }

    /// <summary>The number of preceding rows (ROWS) or milliseconds (RANGE); null for UNBOUNDED PRECEDING.</summary>
    public long? Preceding { get; }

    /// <summary><c>ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW</c>.</summary>
    public static OverFrame RowsUnbounded() => new(true, null);

    /// <summary><c>ROWS BETWEEN n PRECEDING AND CURRENT ROW</c> (n ≥ 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="preceding"/> is negative.</exception>
    public static OverFrame Rows(long preceding)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(preceding);
        return new(true, preceding);
    }

    /// <summary><c>RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW</c> (the default frame with ORDER BY).</summary>
    public static OverFrame RangeUnbounded() => new(false, null);

    /// <summary><c>RANGE BETWEEN INTERVAL ... PRECEDING AND CURRENT ROW</c>: a non-negative whole number of milliseconds.</summary>
    /// <exception cref="ArgumentException">The interval is negative or not whole milliseconds.</exception>
    public static OverFrame Range(TimeSpan preceding)
    {
        if (preceding < TimeSpan.Zero || preceding.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"A RANGE frame's interval must be a non-negative whole number of milliseconds, not {preceding}.", nameof(preceding));
        }

        return new(false, preceding.Ticks / TimeSpan.TicksPerMillisecond);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{(IsRows ? "ROWS" : "RANGE")} BETWEEN {(Preceding is { } p ? IsRows ? $"{p} PRECEDING" : $"INTERVAL {p} ms PRECEDING" : "UNBOUNDED PRECEDING")} AND CURRENT ROW";
}
