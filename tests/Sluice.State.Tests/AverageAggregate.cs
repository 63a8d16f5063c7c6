using Sluice.State.Keyed;

namespace Sluice.State.Tests;

/// <summary>Average of longs; the accumulator is (sum, count).</summary>
public sealed class AverageAggregate : IAggregateFunction<long, (long Sum, long Count), double>
{
    public (long Sum, long Count) CreateAccumulator() => (0, 0);

    public (long Sum, long Count) Add(long value, (long Sum, long Count) accumulator) => (accumulator.Sum + value, accumulator.Count + 1);

    public double GetResult((long Sum, long Count) accumulator) => accumulator.Count == 0 ? 0 : (double)accumulator.Sum / accumulator.Count;

    public (long Sum, long Count) Merge((long Sum, long Count) a, (long Sum, long Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
}
