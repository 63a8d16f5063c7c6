namespace Sluice.Udf.Samples;

/// <summary>The accumulator of <see cref="WeightedAverage"/>: plain public fields, kept in checkpoints as JSON.</summary>
public sealed class WeightedAverageAccumulator
{
    /// <summary>Σ value × weight.</summary>
    public double Sum;

    /// <summary>Σ weight.</summary>
    public long Weight;

    /// <summary>The number of rows accumulated.</summary>
    public long Count;
}
