namespace Sluice.Sql.Physical.Expressions;

/// <summary>
/// Conversions between instants (<c>TIMESTAMP_LTZ</c>: epoch microseconds in UTC) and local date-times
/// (<c>TIMESTAMP</c>: epoch microseconds of the wall clock) in one time zone, with Java's rules for local times that
/// do not exist or exist twice: a time in a gap is moved forward by the gap's length, a time in an overlap takes the
/// earlier instant. Zones with a fixed offset take a fast path without calendar lookups. Immutable.
/// </summary>
internal sealed class TimeZoneRules
{
    private const long MicrosPerDay = 86_400_000_000L;
    private const long TicksPerMicro = 10;
    private static readonly long MinMicros = (DateTime.MinValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicro + MicrosPerDay;
    private static readonly long MaxMicros = (DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks) / TicksPerMicro - MicrosPerDay;

    private readonly long _fixedOffsetMicros;

    public TimeZoneRules(TimeZoneInfo zone)
    {
        Zone = zone;
        IsFixed = !zone.SupportsDaylightSavingTime && zone.GetAdjustmentRules().Length == 0;
        _fixedOffsetMicros = (long)zone.BaseUtcOffset.TotalMicroseconds;
    }

    public TimeZoneInfo Zone { get; }

    /// <summary>True when the zone has one offset at every instant.</summary>
    public bool IsFixed { get; }

    /// <summary>The offset from UTC at the instant <paramref name="utcMicros"/>, in microseconds.</summary>
    public long OffsetAtInstant(long utcMicros)
    {
        if (IsFixed)
        {
            return _fixedOffsetMicros;
        }

        var clamped = Math.Clamp(utcMicros, MinMicros, MaxMicros);
        var utc = new DateTime(DateTime.UnixEpoch.Ticks + (clamped * TicksPerMicro), DateTimeKind.Utc);
        return Zone.GetUtcOffset(utc).Ticks / TicksPerMicro;
    }

    /// <summary>The wall-clock time of the instant.</summary>
    public long ToLocal(long utcMicros) => utcMicros + OffsetAtInstant(utcMicros);

    /// <summary>The instant of the wall-clock time (see the class remarks for gaps and overlaps).</summary>
    public long ToInstant(long localMicros)
    {
        if (IsFixed)
        {
            return localMicros - _fixedOffsetMicros;
        }

        var clamped = Math.Clamp(localMicros, MinMicros, MaxMicros);
        var local = new DateTime(DateTime.UnixEpoch.Ticks + (clamped * TicksPerMicro), DateTimeKind.Unspecified);
        long offset;
        if (Zone.IsAmbiguousTime(local))
        {
            var offsets = Zone.GetAmbiguousTimeOffsets(local);
            offset = offsets.Max().Ticks / TicksPerMicro;
        }
        else if (Zone.IsInvalidTime(local))
        {
            // The offset before the transition: the wall clock moves forward by the gap.
            var before = Zone.GetUtcOffset(local.AddDays(-1)).Ticks / TicksPerMicro;
            var after = Zone.GetUtcOffset(local.AddDays(1)).Ticks / TicksPerMicro;
            offset = Math.Min(before, after);
        }
        else
        {
            offset = Zone.GetUtcOffset(local).Ticks / TicksPerMicro;
        }

        return localMicros - offset;
    }
}
