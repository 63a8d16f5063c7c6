namespace Sluice.Udf.Samples;

/// <summary>The accumulator of <see cref="Concat"/>.</summary>
public sealed class ConcatAccumulator
{
    /// <summary>The values so far.</summary>
    public List<string?> Values { get; set; } = [];
}
