using Sluice.State.Keyed;

namespace Sluice.Runtime.Operators.Windowing;

/// <summary>
/// Counts elements: the accumulator and the result are the number of elements added. Stateless, so one instance
/// may be shared. Laws: <c>Merge(a, b) = a + b</c>, which is associative and commutative.
/// </summary>
/// <typeparam name="T">The element type (ignored).</typeparam>
public sealed class CountAggregate<T> : IAggregateFunction<T, long, long>
{
    /// <summary>A shared instance.</summary>
    public static CountAggregate<T> Instance { get; } = new();

    /// <inheritdoc />
    public long CreateAccumulator() => 0;

    /// <inheritdoc />
    public long Add(T value, long accumulator) => accumulator + 1;

    /// <inheritdoc />
    public long GetResult(long accumulator) => accumulator;

    /// <inheritdoc />
    public long Merge(long a, long b) => a + b;
}
