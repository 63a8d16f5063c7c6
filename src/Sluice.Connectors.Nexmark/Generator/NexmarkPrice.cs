using System.Runtime.CompilerServices;

namespace Sluice.Connectors.Nexmark.Generator;

/// <summary>
/// Flink's price distribution, <c>round(10^(6u) * 100)</c> cents for a uniform u in [0, 1), computed exactly as
/// <see cref="Exact"/> does (<c>floor(exp(u * 6 ln 10) * 100 + 0.5)</c>) but mostly without calling <c>exp</c>:
/// <see cref="Of"/> takes <c>exp</c> of the nearest of 1024 table points below the argument times a short series, and
/// keeps the result when it lies clearly inside one integer step; only a value within a hair of a rounding boundary
/// (about one draw in 10^5 at the largest prices) is recomputed exactly.
/// </summary>
internal static class NexmarkPrice
{
    private const int TableSize = 1024;

    /// <summary>6 ln 10: u times this is the exponent.</summary>
    internal static readonly double Log10Times6 = 6 * Math.Log(10);

    private static readonly double Step = Log10Times6 / TableSize;
    private static readonly double InverseStep = TableSize / Log10Times6;

    // Point k is k * Step, rounded as a double; its exp as Math.Exp gives it.
    private static readonly double[] Points = MakePoints();
    private static readonly double[] Exps = MakeExps(Points);

    /// <summary>The price for the draw <paramref name="u"/> in [0, 1), equal to <see cref="Exact"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Of(double u)
    {
        var x = u * Log10Times6;
        var k = (int)(x * InverseStep);
        if ((uint)k >= TableSize)
        {
            k = TableSize - 1;
        }

        // exp(x) = exp(point) * exp(r), |r| <= Step (0.0135): the series to r^6 leaves an error below 2e-17.
        var r = x - Points[k];
        var series = (1.0 / 720 * r) + (1.0 / 120);
        series = (series * r) + (1.0 / 24);
        series = (series * r) + (1.0 / 6);
        series = (series * r) + 0.5;
        series = (series * r) + 1.0;
        series = (series * r) + 1.0;
        var scaled = (Exps[k] * series * 100.0) + 0.5;
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
        var points = new double[TableSize];
        for (var k = 0; k < TableSize; k++)
        {
            points[k] = k * Step;
        }

        return points;
    }

    private static double[] MakeExps(double[] points)
    {
        var exps = new double[points.Length];
        for (var k = 0; k < points.Length; k++)
        {
            exps[k] = Math.Exp(points[k]);
        }

        return exps;
    }
}
