namespace Sluice.Connectors.Builtin.Datagen;

/// <summary>The options of a <see cref="DatagenSource"/>.</summary>
public sealed record DatagenOptions
{
    /// <summary><c>rows-per-second</c>: the rate of the whole source (shared by its readers); default 10000.</summary>
    public double RowsPerSecond { get; init; } = 10_000;

    /// <summary><c>number-of-rows</c>: the rows to generate before the source ends; null for an unbounded source (unless a sequence ends it).</summary>
    public long? NumberOfRows { get; init; }

    /// <summary>
    /// <c>seed</c> (a Sluice extension): the seed of the random values. The value of every column of row <c>n</c>
    /// depends only on the seed, the column and <c>n</c>, so a seeded source produces the same rows at any parallelism
    /// and after any restore. Null picks a random seed when the source is created (kept in the checkpoints).
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>The options of each column, by name; columns not listed get random values with defaults.</summary>
    public IReadOnlyDictionary<string, DatagenFieldOptions> Fields { get; init; } = new Dictionary<string, DatagenFieldOptions>();

    /// <summary>"Now" for random timestamps and dates (they lie up to <c>max-past</c> before it); null for the clock's time at creation.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>The time zone of TIMESTAMP (without time zone) values: the session time zone.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>The most rows in one emitted batch (default 1024).</summary>
    public int BatchSize { get; init; } = 1024;
}
