using Sluice.State.Keyed;
using Sluice.Testing.Sources;

namespace Sluice.Runtime.Tests.Windowing;

/// <summary>The mean of the events' sequence numbers: an aggregate whose accumulator differs from its result.</summary>
internal sealed class AverageAggregate : IAggregateFunction<SequenceEvent, (long Sum, long Count), double>
{
    public (long Sum, long Count) CreateAccumulator() => (0, 0);

    public (long Sum, long Count) Add(SequenceEvent value, (long Sum, long Count) accumulator) =>
        (accumulator.Sum + value.Seq, accumulator.Count + 1);

    public double GetResult((long Sum, long Count) accumulator) => (double)accumulator.Sum / accumulator.Count;

    public (long Sum, long Count) Merge((long Sum, long Count) a, (long Sum, long Count) b) => (a.Sum + b.Sum, a.Count + b.Count);
}
