namespace Sluice.State.Keyed;

/// <summary>
/// An incremental aggregation over an accumulator, as used by <see cref="IAggregatingState{TIn, TOut}"/> and
/// window aggregations. Laws: <c>Merge</c> is associative, and adding values to one accumulator gives the same
/// result as adding them to several and merging those. Implementations must not keep state of their own.
/// </summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TAcc">The accumulator type (stored in state).</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public interface IAggregateFunction<in TIn, TAcc, out TOut>
{
    /// <summary>Creates an empty accumulator.</summary>
    TAcc CreateAccumulator();

    /// <summary>Adds <paramref name="value"/> to <paramref name="accumulator"/> and returns the new accumulator.</summary>
    TAcc Add(TIn value, TAcc accumulator);

    /// <summary>The result of an accumulator.</summary>
    TOut GetResult(TAcc accumulator);

    /// <summary>Merges two accumulators.</summary>
    TAcc Merge(TAcc a, TAcc b);
}
