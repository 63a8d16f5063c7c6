using System.Globalization;
using System.Text.RegularExpressions;
using Sluice.Core.Errors;

namespace Sluice.Cli.Output;

/// <summary>
/// The time zone in which <c>TIMESTAMP_LTZ</c> values are shown: the session option
/// <c>'table.local-time-zone'</c>, as Flink spells it: a region id (<c>Europe/Berlin</c>), <c>UTC</c>, a fixed offset
/// (<c>GMT+08:00</c>, <c>UTC-3</c>, <c>+05:30</c>). Unset or <c>default</c> means UTC, as in the SQL session.
/// </summary>
internal static partial class SessionTimeZone
{
    /// <summary>The session option that names the zone.</summary>
    public const string OptionKey = "table.local-time-zone";

    /// <summary>The zone named by <paramref name="id"/>.</summary>
    /// <exception cref="SluiceException">The name is not a known zone or offset (a user error).</exception>
    public static TimeZoneInfo Parse(string? id)
    {
        var name = id?.Trim();
        if (string.IsNullOrEmpty(name) || name is "UTC" or "Z" or "GMT" or "UT" || string.Equals(name, "default", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        var match = OffsetPattern().Match(name);
        if (match.Success)
        {
            var hours = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            if (hours > 18 || minutes > 59)
            {
                throw Unknown(name);
            }

            var offset = new TimeSpan(hours, minutes, 0);
            if (match.Groups["sign"].Value == "-")
            {
                offset = -offset;
            }

            return TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name);
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Unknown(name);
        }
    }

    private static SluiceException Unknown(string name) =>
        new($"'{name}' is not a time zone for '{OptionKey}': use a region id such as 'Europe/Berlin', 'UTC', or an offset such as 'GMT+08:00'.",
            ErrorDomain.User);

    [GeneratedRegex(@"^(?:(?:GMT|UTC|UT))?(?<sign>[+-])(?<h>\d{1,2})(?::?(?<m>\d{2}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetPattern();
}
