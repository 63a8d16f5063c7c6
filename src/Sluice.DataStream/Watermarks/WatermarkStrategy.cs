using Sluice.Core.Time;

namespace Sluice.DataStream.Watermarks;

/// <summary>
/// How a typed stream gets event time: a timestamp assigner (the event time of an element, epoch milliseconds) and
/// a watermark generator, optionally with an idleness timeout. Immutable; build with the static factories and the
/// <c>With…</c> methods, as in Flink: <c>WatermarkStrategy&lt;Order&gt;.ForBoundedOutOfOrderness(TimeSpan.FromSeconds(5)).WithTimestampAssigner(o =&gt; o.Time)</c>.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
public sealed class WatermarkStrategy<T>
{
    private WatermarkStrategy(Core.Time.WatermarkStrategy generators, Func<T, long>? timestampAssigner)
    {
        Generators = generators;
        TimestampAssigner = timestampAssigner;
    }

    /// <summary>No watermarks (processing-time jobs); timestamps are still assigned when an assigner is set.</summary>
    public static WatermarkStrategy<T> NoWatermarks() => new(Core.Time.WatermarkStrategy.None, null);

    /// <summary>Timestamps ascend (within a source split, or within an operator subtask).</summary>
    public static WatermarkStrategy<T> ForMonotonousTimestamps() => new(Core.Time.WatermarkStrategy.Monotonous(), null);

    /// <summary>Elements arrive at most <paramref name="maxOutOfOrderness"/> late: the watermark is <c>max timestamp - bound - 1</c>.</summary>
    public static WatermarkStrategy<T> ForBoundedOutOfOrderness(TimeSpan maxOutOfOrderness) =>
        new(Core.Time.WatermarkStrategy.BoundedOutOfOrderness(maxOutOfOrderness), null);

    /// <summary>A custom generator, one instance per source split or operator subtask.</summary>
    public static WatermarkStrategy<T> ForGenerator(Func<IWatermarkGenerator> factory) => new(Core.Time.WatermarkStrategy.Custom(factory), null);

    /// <summary>The runtime strategy (generators and idleness).</summary>
    public Core.Time.WatermarkStrategy Generators { get; }

    /// <summary>Extracts an element's event time (epoch milliseconds); null keeps the timestamps the elements already carry.</summary>
    public Func<T, long>? TimestampAssigner { get; }

    /// <summary>A copy with <paramref name="assigner"/> as the timestamp assigner.</summary>
    public WatermarkStrategy<T> WithTimestampAssigner(Func<T, long> assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new(Generators, assigner);
    }

    /// <summary>A copy with a timestamp assigner that reads a <see cref="DateTimeOffset"/>.</summary>
    public WatermarkStrategy<T> WithTimestampAssigner(Func<T, DateTimeOffset> assigner)
    {
        ArgumentNullException.ThrowIfNull(assigner);
        return new(Generators, e => assigner(e).ToUnixTimeMilliseconds());
    }

    /// <summary>A copy in which a source split without data for <paramref name="timeout"/> is left out of the watermark.</summary>
    public WatermarkStrategy<T> WithIdleness(TimeSpan timeout) => new(Generators.WithIdleness(timeout), TimestampAssigner);
}
