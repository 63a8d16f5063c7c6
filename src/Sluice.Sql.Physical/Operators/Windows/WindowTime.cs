using Sluice.Core.Schemas;
using Sluice.Core.Types;
using Sluice.Core.Vectors;

namespace Sluice.Sql.Physical.Operators.Windows;

/// <summary>Reading time attributes and typing the window columns, shared by the window operators. Stateless.</summary>
internal static class WindowTime
{
    /// <summary>
    /// Checks that <paramref name="column"/> of <paramref name="schema"/> is a TIMESTAMP or TIMESTAMP_LTZ column (an
    /// event-time attribute); returns its type.
    /// </summary>
    public static DataType RequireTimeColumn(Schema schema, int column, string parameter)
    {
        if ((uint)column >= (uint)schema.Count)
        {
            throw new ArgumentException($"The time column {column} is outside {schema}.", parameter);
        }

        var type = schema[column].DataType;
        if (type.TypeId is not (TypeId.Timestamp or TypeId.TimestampLtz))
        {
            throw new ArgumentException($"The time column {schema[column]} must be a TIMESTAMP or TIMESTAMP_LTZ.", parameter);
        }

        return type;
    }

    /// <summary>The epoch milliseconds (microseconds floored) of a non-null time value.</summary>
    public static long Millis(PrimitiveVector<long> column, int row) => TemporalConversions.MicrosToMillis(column.Values[row]);

    /// <summary>
    /// The type of <c>window_time</c>: the event-time attribute's type with precision 3 (TIMESTAMP(3) or
    /// TIMESTAMP_LTZ(3)), or TIMESTAMP_LTZ(3) for processing time; NOT NULL.
    /// </summary>
    public static DataType WindowTimeType(DataType? eventTimeType) =>
        (eventTimeType?.TypeId == TypeId.Timestamp ? DataTypes.Timestamp(3) : DataTypes.TimestampLtz(3)).NotNull();

    /// <summary>The type of <c>window_start</c> and <c>window_end</c>: TIMESTAMP(3) NOT NULL.</summary>
    public static DataType BoundaryType { get; } = DataTypes.Timestamp(3).NotNull();

    /// <summary>
    /// The zone in which windows of a time column of <paramref name="timeType"/> are aligned: the session time zone
    /// for <c>TIMESTAMP_LTZ</c> and processing time (null type), none (null) for <c>TIMESTAMP</c> or a UTC zone.
    /// </summary>
    public static TimeZoneInfo? AlignmentZone(DataType? timeType, TimeZoneInfo? sessionTimeZone) =>
        sessionTimeZone is null || sessionTimeZone.Equals(TimeZoneInfo.Utc) || timeType?.TypeId == TypeId.Timestamp
            ? null
            : sessionTimeZone;

    /// <summary>The wall-clock time in <paramref name="zone"/> (as epoch milliseconds) of the instant <paramref name="utcMillis"/>.</summary>
    public static long ToLocal(long utcMillis, TimeZoneInfo? zone)
    {
        if (zone is null || utcMillis < MinMillis || utcMillis > MaxMillis)
        {
            return utcMillis;
        }

        return utcMillis + (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(utcMillis)).TotalMilliseconds;
    }

    /// <summary>The instant (epoch milliseconds) of the wall-clock time <paramref name="localMillis"/> in <paramref name="zone"/>.</summary>
    public static long ToUtc(long localMillis, TimeZoneInfo? zone)
    {
        if (zone is null || localMillis < MinMillis || localMillis > MaxMillis)
        {
            return localMillis;
        }

        var local = DateTime.SpecifyKind(DateTime.UnixEpoch.AddMilliseconds(localMillis), DateTimeKind.Unspecified);
        return localMillis - (long)zone.GetUtcOffset(local).TotalMilliseconds;
    }

    /// <summary>The smallest epoch millisecond converted between zones (year 1 plus a day).</summary>
    private const long MinMillis = -62135510400000L;

    /// <summary>The largest epoch millisecond converted between zones (year 9999 minus a day).</summary>
    private const long MaxMillis = 253402214400000L;
}
