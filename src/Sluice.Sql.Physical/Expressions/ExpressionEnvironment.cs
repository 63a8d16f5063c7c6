using System.Globalization;
using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// What compiled expressions read from outside the row: the session time zone (Flink's
/// <c>table.local-time-zone</c>), which <c>TIMESTAMP_LTZ</c> values are shown and converted in, and the clock that
/// <c>CURRENT_TIMESTAMP</c>, <c>NOW()</c>, <c>PROCTIME()</c>, <c>CURRENT_DATE</c> and <c>UNIX_TIMESTAMP()</c> read
/// (once per evaluated batch). Immutable.
/// </summary>
/// <param name="SessionTimeZone">The session time zone.</param>
/// <param name="Clock">The clock; operators pass their own <see cref="TimeProvider"/>.</param>
public sealed record ExpressionEnvironment(TimeZoneInfo SessionTimeZone, TimeProvider Clock)
{
    /// <summary>The session time zone.</summary>
    public TimeZoneInfo SessionTimeZone { get; init; } = SessionTimeZone ?? throw new ArgumentNullException(nameof(SessionTimeZone));

    /// <summary>The clock.</summary>
    public TimeProvider Clock { get; init; } = Clock ?? throw new ArgumentNullException(nameof(Clock));

    /// <summary>
    /// The seed of the generators behind <c>RAND()</c>, <c>RAND_INTEGER(n)</c> and <c>UUID()</c> without a seed argument,
    /// or null to seed them from system randomness. Each call site gets its own generator derived from the seed, so a
    /// seeded plan produces the same values on every run.
    /// </summary>
    public int? RandomSeed { get; init; }

    /// <summary>
    /// Reads the evaluating operator's current event-time watermark in epoch milliseconds (<see cref="long.MinValue"/>
    /// before the first one), for <c>CURRENT_WATERMARK</c>; read at most once per evaluated batch. Null when the
    /// operator has no watermark to offer: <c>CURRENT_WATERMARK</c> then does not compile.
    /// </summary>
    public Func<long>? CurrentWatermark { get; init; }

    /// <summary>UTC and the system clock.</summary>
    public static ExpressionEnvironment Default { get; } = new(TimeZoneInfo.Utc, TimeProvider.System);

    /// <summary>
    /// The time zone named by a value of <c>table.local-time-zone</c>: a region id (<c>Europe/Berlin</c>), <c>UTC</c>,
    /// <c>Z</c>, a fixed offset (<c>GMT+08:00</c>, <c>UTC-3</c>, <c>+05:30</c>), or <c>default</c> (UTC here; Flink
    /// uses the machine's zone, which would make results depend on the host).
    /// </summary>
    /// <exception cref="SluiceException">The zone is unknown (<see cref="ErrorDomain.User"/>).</exception>
    public static TimeZoneInfo ParseTimeZone(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TryParseTimeZone(id, out var zone)
            ? zone
            : throw new SluiceException($"Unknown time zone '{id}': use a region such as 'Europe/Berlin', 'UTC' or an offset such as 'GMT+08:00'.",
                ErrorDomain.User);
    }

    /// <summary>Like <see cref="ParseTimeZone"/>, but returns false for an unknown zone.</summary>
    public static bool TryParseTimeZone(string id, out TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(id);
        var text = id.Trim();
        if (text.Length == 0 || text.Equals("default", StringComparison.OrdinalIgnoreCase) || text is "UTC" or "Z" or "GMT" or "UT")
        {
            zone = TimeZoneInfo.Utc;
            return true;
        }

        var rest = text;
        foreach (var prefix in (string[])["UTC", "GMT", "UT"])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text.Length > prefix.Length && text[prefix.Length] is '+' or '-')
            {
                rest = text[prefix.Length..];
                break;
            }
        }

        if (rest.Length > 0 && rest[0] is '+' or '-')
        {
            if (TryParseOffset(rest, out var offset))
            {
                zone = offset == TimeSpan.Zero
                    ? TimeZoneInfo.Utc
                    : TimeZoneInfo.CreateCustomTimeZone(text, offset, text, text);
                return true;
            }

            zone = TimeZoneInfo.Utc;
            return false;
        }

        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(text);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
        }
        catch (InvalidTimeZoneException)
        {
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        var sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        int hours;
        var minutes = 0;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            if (!int.TryParse(body[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out hours)
                || !int.TryParse(body[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
            {
                return false;
            }
        }
        else if (body.Length <= 2)
        {
            if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out hours))
            {
                return false;
            }
        }
        else if (body.Length == 4 && int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
        {
            hours = hhmm / 100;
            minutes = hhmm % 100;
        }
        else
        {
            return false;
        }

        if (hours > 18 || minutes > 59)
        {
            return false;
        }

        offset = TimeSpan.FromMinutes(sign * ((hours * 60) + minutes));
        return true;
    }
}
