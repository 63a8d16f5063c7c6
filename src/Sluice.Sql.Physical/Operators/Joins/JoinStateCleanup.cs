using System.Globalization;

namespace Sluice.Sql.Physical.Operators.Joins;

/// <summary>
/// Exact cleanup of one side's stored rows of a regular inner join, by the watermark: a stored row of
/// <see cref="Side"/> whose time column <see cref="Column"/> holds <c>t</c> is removed once the join's watermark reaches
/// <c>t + <see cref="OffsetMillis"/></c> (t in milliseconds, rounded up), because from then on no row of the other side
/// that is still to come can satisfy the join condition with it. The planner derives it (see
/// <c>PhysicalPlanner.JoinStateCleanup</c>); the argument that the removal cannot change the join's result is written
/// there.
/// </summary>
/// <param name="Side">The side whose rows are removed: 0 = left, 1 = right.</param>
/// <param name="Column">The TIMESTAMP column (precision at most 6) of that side's rows that bounds them.</param>
/// <param name="OffsetMillis">How far past the row's time the watermark must be for the row to be removed.</param>
/// <param name="Description">The condition the bound comes from, for EXPLAIN.</param>
public sealed record JoinStateCleanup(int Side, int Column, long OffsetMillis, string Description)
{
    /// <summary>The least granularity of the cleanup's time buckets (see <see cref="GranularityFor"/>).</summary>
    public const long TimerGranularityMillis = 1000;

    /// <summary>
    /// The granularity of the cleanup's time buckets for an offset: a quarter of it, at least
    /// <see cref="TimerGranularityMillis"/>. Rows are removed by the first watermark at or after the first multiple of it
    /// at or after their expiry: later than they could be, which is still exact, and a key is swept at most once per
    /// granularity, each time moving the key's rows that remain (about offset / granularity times the rows it removes).
    /// </summary>
    public static long GranularityFor(long offsetMillis) => Math.Max(TimerGranularityMillis, offsetMillis / 4);

    /// <summary>The EXPLAIN text, e.g. <c>left rows when watermark &gt;= dateTime + 10000 ms (...)</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Side == 0 ? "left" : "right")} rows at watermark >= {Description}");
}
