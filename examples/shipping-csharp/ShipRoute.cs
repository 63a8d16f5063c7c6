using System.Globalization;

namespace ShippingReport;

/// <summary>The planned route of a package (a row of data/ship_routes.csv).</summary>
public sealed record ShipRoute(long RouteId, long TrackingNumber, int EndStopId)
{
    /// <summary>Parses a CSV line.</summary>
    public static ShipRoute Parse(string line)
    {
        var f = Csv.Split(line);
        return new ShipRoute(long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
            int.Parse(f[2], CultureInfo.InvariantCulture));
    }
}
