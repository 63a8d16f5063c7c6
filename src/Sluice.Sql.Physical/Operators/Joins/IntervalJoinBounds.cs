namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// The time condition of an interval join, <c>lower ≤ leftTime - rightTime ≤ upper</c> in milliseconds, with each
/// bound inclusive or exclusive. <c>a.t BETWEEN b.t - INTERVAL '1' HOUR AND b.t + INTERVAL '5' MINUTE</c> is
/// <c>Inclusive(-3_600_000, 300_000)</c>; <c>a.t &gt; b.t</c> alone is not an interval (both bounds are needed).
/// Immutable.
/// </summary>
public sealed record IntervalJoinBounds
{
    /// <summary>Creates the bounds.</summary>
    /// <param name="lower">The lower bound of <c>leftTime - rightTime</c>, in milliseconds.</param>
    /// <param name="lowerInclusive">True for <c>≥ lower</c>, false for <c>&gt; lower</c>.</param>
    /// <param name="upper">The upper bound of <c>leftTime - rightTime</c>, in milliseconds.</param>
    /// <param name="upperInclusive">True for <c>≤ upper</c>, false for <c>&lt; upper</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A bound is <see cref="long.MinValue"/> or <see cref="long.MaxValue"/>.</exception>
    public IntervalJoinBounds(long lower, bool lowerInclusive, long upper, bool upperInclusive)
    {
        if (lower is long.MinValue or long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(lower), lower, "An interval join bound must be a finite number of milliseconds.");
        }

        if (upper is long.MinValue or long.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(upper), upper, "An interval join bound must be a finite number of milliseconds.");
        }

        Lower = lower;
        LowerInclusive = lowerInclusive;
        Upper = upper;
        UpperInclusive = upperInclusive;
    }

    /// <summary>Both bounds inclusive: <c>lower ≤ leftTime - rightTime ≤ upper</c> (the form of <c>BETWEEN</c>).</summary>
    public static IntervalJoinBounds Inclusive(long lower, long upper) => new(lower, true, upper, true);

    /// <summary>The lower bound of <c>leftTime - rightTime</c>, in milliseconds.</summary>
    public long Lower { get; }

    /// <summary>True when <see cref="Lower"/> itself qualifies.</summary>
    public bool LowerInclusive { get; }

    /// <summary>The upper bound of <c>leftTime - rightTime</c>, in milliseconds.</summary>
    public long Upper { get; }

    /// <summary>True when <see cref="Upper"/> itself qualifies.</summary>
    public bool UpperInclusive { get; }

    /// <summary>The smallest qualifying difference (times are whole milliseconds, so an exclusive bound moves by one).</summary>
    public long InclusiveLower => LowerInclusive ? Lower : Lower + 1;

    /// <summary>The largest qualifying difference.</summary>
    public long InclusiveUpper => UpperInclusive ? Upper : Upper - 1;

    /// <summary>True when no difference qualifies (<see cref="InclusiveLower"/> &gt; <see cref="InclusiveUpper"/>): nothing ever matches.</summary>
    public bool IsEmpty => InclusiveLower > InclusiveUpper;

    /// <inheritdoc />
    public override string ToString() =>
        $"{(LowerInclusive ? "[" : "(")}{Lower}, {Upper}{(UpperInclusive ? "]" : ")")} ms";
}
