namespace Sluice.Core.Time;

/// <summary>
/// How a source derives watermarks: a generator per split and an optional idleness timeout after which a
/// split that produced nothing is left out of the watermark minimum.
/// </summary>
public sealed class WatermarkStrategy
{
    private readonly Func<IWatermarkGenerator>? _factory;

    private WatermarkStrategy(Func<IWatermarkGenerator>? factory, TimeSpan? idleness)
    {
        _factory = factory;
        IdleTimeout = idleness;
    }

    /// <summary>No watermarks: event time does not advance (processing-time jobs).</summary>
    public static WatermarkStrategy None { get; } = new(null, null);

    /// <summary>Timestamps ascend within a split.</summary>
    public static WatermarkStrategy Monotonous() => new(() => new BoundedOutOfOrdernessWatermarks(TimeSpan.Zero), null);

    /// <summary>Events arrive at most <paramref name="maxOutOfOrderness"/> late.</summary>
    public static WatermarkStrategy BoundedOutOfOrderness(TimeSpan maxOutOfOrderness) =>
        new(() => new BoundedOutOfOrdernessWatermarks(maxOutOfOrderness), null);

    /// <summary>A custom generator.</summary>
    public static WatermarkStrategy Custom(Func<IWatermarkGenerator> factory) => new(factory, null);

    /// <summary>The idleness timeout, or null for none.</summary>
    public TimeSpan? IdleTimeout { get; }

    /// <summary>True when this strategy produces watermarks.</summary>
    public bool HasWatermarks => _factory is not null;

    /// <summary>Returns a copy that marks a split idle after <paramref name="timeout"/> without data.</summary>
    public WatermarkStrategy WithIdleness(TimeSpan timeout) => new(_factory, timeout);

    /// <summary>Creates a generator for one split, or null when the strategy has none.</summary>
    public IWatermarkGenerator? CreateGenerator() => _factory?.Invoke();
}
