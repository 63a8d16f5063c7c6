using System.Globalization;

namespace ShippingReport;

/// <summary>One tracking event of a package (a row of data/ship_events.csv).</summary>
public sealed record ShipEvent(
    long TrackingNumber, DateTime OccurredAt, string EventCode, string StatusCode, string StatusDescription, string CarrierCode,
    string Country, string State, string City, string PostalCode, int CurrentStopId)
{
    /// <summary>Parses a CSV line (fields may be double-quoted, with "" for a quote).</summary>
    public static ShipEvent Parse(string line)
    {
        var f = Csv.Split(line);
        return new ShipEvent(long.Parse(f[0], CultureInfo.InvariantCulture),
            DateTime.ParseExact(f[1], "yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], int.Parse(f[10], CultureInfo.InvariantCulture));
    }

    /// <summary>The event time in epoch milliseconds.</summary>
    public long EventTime => new DateTimeOffset(OccurredAt, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
