namespace Sluice.State.Keyed;

/// <summary>
/// The time-to-live of a keyed state (Flink FLIP-25 semantics). Every value (every element of a list state, every
/// entry of a map state) carries the timestamp of its last access, taken from the backend's <see cref="TimeProvider"/>
/// in milliseconds; it is expired once <c>now - lastAccess &gt;= Ttl</c>.
/// </summary>
/// <remarks>
/// <para>Cleanup: an expired entry is removed when it is read, and it is never written into a snapshot. The
/// timestamps are part of the snapshot, so a restored entry keeps its remaining lifetime.</para>
/// <para>Two configurations are equal when all their properties are equal; declaring the same state twice with
/// different configurations is an error.</para>
/// </remarks>
public sealed record StateTtlConfig
{
    /// <summary>Creates a configuration with the given time-to-live.</summary>
    /// <param name="ttl">The time-to-live; at least one millisecond.</param>
    public StateTtlConfig(TimeSpan ttl)
    {
        if (ttl < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "The time-to-live must be at least one millisecond.");
        }

        Ttl = ttl;
    }

    /// <summary>The time-to-live.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>Which accesses refresh the timestamp; <see cref="TtlUpdateType.OnCreateAndWrite"/> by default.</summary>
    public TtlUpdateType UpdateType { get; init; } = TtlUpdateType.OnCreateAndWrite;

    /// <summary>Whether expired entries may be returned; <see cref="TtlVisibility.NeverReturnExpired"/> by default.</summary>
    public TtlVisibility Visibility { get; init; } = TtlVisibility.NeverReturnExpired;
}
