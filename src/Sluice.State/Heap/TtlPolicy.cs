using Sluice.State.Keyed;

namespace Sluice.State.Heap;

/// <summary>The runtime form of a <see cref="StateTtlConfig"/>: the clock plus the expiry test.</summary>
internal sealed class TtlPolicy
{
    private readonly TimeProvider _timeProvider;
    private readonly long _ttlMillis;

    public TtlPolicy(StateTtlConfig config, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _ttlMillis = Math.Max(1, (long)Math.Ceiling(config.Ttl.TotalMilliseconds));
        UpdateOnRead = config.UpdateType == TtlUpdateType.OnReadAndWrite;
        ReturnExpired = config.Visibility == TtlVisibility.ReturnExpiredIfNotCleanedUp;
    }

    /// <summary>Reads refresh the timestamp.</summary>
    public bool UpdateOnRead { get; }

    /// <summary>An expired entry still stored is returned (once) by a read.</summary>
    public bool ReturnExpired { get; }

    /// <summary>The current time in Unix milliseconds.</summary>
    public long Now() => _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>True when an entry last accessed at <paramref name="lastAccess"/> is expired at <paramref name="now"/>.</summary>
    public bool IsExpired(long lastAccess, long now) => now - lastAccess >= _ttlMillis;
}
