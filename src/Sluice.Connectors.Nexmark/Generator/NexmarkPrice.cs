using System.Runtime.CompilerServices;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// Flink's price distribution, <c>round(10^(6u) * 100)</c> cents for a uniform u in [0, 1), computed exactly as
/// <see cref="Exact"/> does (<c>floor(exp(u * 6 ln 10) * 100 + 0.5)</c>) but mostly without calling <c>exp</c>:
/// <see cref="Of(ulong)"/> takes <c>exp</c> of the nearest of 1025 table points times a short series (fused
/// multiply-adds), and keeps the result when it lies clearly inside one integer step; only a value within a hair of a
/// rounding boundary (about one draw in 10^5 at the largest prices) is recomputed exactly.
/// </summary>
internal static class NexmarkPrice
{
    private const int TableSize = 1024;

    /// <summary>6 ln 10: u times this is the exponent.</summary>
    internal static readonly double Log10Times6 = 6 * Math.Log(10);

    /// <summary>The distance of the table's points: point k is k times this, rounded as a double.</summary>
    internal static readonly double Step = Log10Times6 / TableSize;

    // Point k is k * Step, rounded as a double, for k = 0 .. 1024; its exp as Math.Exp gives it.
    private static readonly double[] Points = MakePoints();
    /// <summary>exp of each point, as Math.Exp gives it (pinned: read by vector gathers).</summary>
    internal static readonly double[] Exps = MakeExps(Points);

    /// <summary>The price for the draw u = <paramref name="u"/> in [0, 1) (a multiple of 2^-53), equal to <see cref="Exact"/>.</summary>
    public static long Of(double u) => Of((ulong)(u * (1UL << 53)) << 11);

    /// <summary>
    /// The price for the 64-bit draw <paramref name="bits"/>, whose 53 high bits are u (<see cref="EventRandom.ToUnit"/>),
    /// equal to <see cref="Exact"/>(u).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(ulong bits)
    {
        var u = EventRandom.ToUnit(bits);
        var x = u * Log10Times6;

        // The nearest point, round(u * 1024), straight from the draw's bits: x is within Step / 2 of it.
        var k = (int)(((bits >> 53) + 1) >> 1);

        // exp(x) = exp(point) * exp(r), |r| <= Step / 2 (0.0068): the series to r^5 leaves an error below 2e-16.
        var r = x - Points[k];
        var series = Math.FusedMultiplyAdd(1.0 / 120, r, 1.0 / 24);
        series = Math.FusedMultiplyAdd(series, r, 1.0 / 6);
        series = Math.FusedMultiplyAdd(series, r, 0.5);
        series = Math.FusedMultiplyAdd(series, r, 1.0);
        series = Math.FusedMultiplyAdd(series, r, 1.0);
        var scaled = Math.FusedMultiplyAdd(Exps[k] * series, 100.0, 0.5);
        var floor = Math.Floor(scaled);
        var fraction = scaled - floor;

        // The table point's exp, the series and the products are each within a few units in the last place: together
        // far below 1e-13 of the value, so a fraction that far from 0 and 1 floors as the exact formula does.
        var margin = scaled * 1e-13;
        return fraction > margin && fraction < 1 - margin ? (long)floor : Exact(u);
    }

    /// <summary>The price for the draw <paramref name="u"/> as the reference formula computes it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static long Exact(double u) => (long)Math.Floor((Math.Exp(u * Log10Times6) * 100.0) + 0.5);

    private static double[] MakePoints()
    {
        var points = new double[TableSize + 1];
        for (var k = 0; k < points.Length; k++)
        {
            points[k] = k * Step;
        }

        return points;
    }

    private static double[] MakeExps(double[] points)
    {
        var exps = GC.AllocateArray<double>(points.Length, pinned: true);
        for (var k = 0; k < points.Length; k++)
        {
            exps[k] = Math.Exp(points[k]);
        }

        return exps;
    }
}
