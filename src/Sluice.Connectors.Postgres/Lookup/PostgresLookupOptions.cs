namespace Sluice.Connectors.Postgres.Lookup;

/// <summary>The cache and retry settings of lookups. Immutable.</summary>
internal sealed record PostgresLookupOptions
{
    /// <summary>True when lookups are cached (<c>'lookup.cache' = 'PARTIAL'</c> or <c>lookup.cache.max-rows</c> set).</summary>
    public bool CacheEnabled { get; init; }

    public long MaxRows { get; init; } = 10_000;

    public TimeSpan? ExpireAfterWrite { get; init; }

    public TimeSpan? ExpireAfterAccess { get; init; }

    public bool CacheMissingKeys { get; init; } = true;

    public int MaxRetries { get; init; } = 3;
}
