using Sluice.Sql.Functions;

namespace Sluice.Udf.Samples;

/// <summary>
/// <c>weighted_avg(value, weight)</c>: Σ value × weight / Σ weight, NULL when the weights sum to 0. Retractable and
/// mergeable, so it works on updating inputs, in every window and in OVER frames.
/// </summary>
public sealed class WeightedAverage : AggregateFunction<double?, WeightedAverageAccumulator>
{
    /// <inheritdoc />
    public override WeightedAverageAccumulator CreateAccumulator() => new();

    /// <inheritdoc />
    public override double? GetValue(WeightedAverageAccumulator accumulator) =>
        accumulator.Weight == 0 ? null : accumulator.Sum / accumulator.Weight;

    /// <summary>Adds a value with its weight (NULL values or weights are skipped: the parameters are not nullable).</summary>
    public void Accumulate(WeightedAverageAccumulator accumulator, double value, long weight)
    {
        accumulator.Sum += value * weight;
        accumulator.Weight += weight;
        accumulator.Count++;
    }

    /// <summary>Removes a value with its weight.</summary>
    public void Retract(WeightedAverageAccumulator accumulator, double value, long weight)
    {
        accumulator.Sum -= value * weight;
        accumulator.Weight -= weight;
        accumulator.Count--;
    }

    /// <summary>Folds other accumulators in (session windows).</summary>
    public void Merge(WeightedAverageAccumulator accumulator, IEnumerable<WeightedAverageAccumulator> others)
    {
        foreach (var other in others)
        {
            accumulator.Sum += other.Sum;
            accumulator.Weight += other.Weight;
            accumulator.Count += other.Count;
        }
    }
}
