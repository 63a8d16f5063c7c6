namespace Sluice.State.Keyed;

/// <summary>An accumulator per key (and namespace) that every added value is aggregated into.</summary>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public interface IAggregatingState<in TIn, out TOut> : IState
{
    /// <summary>The result of the accumulator, or <c>default</c> when nothing was added.</summary>
    TOut? Get();

    /// <summary>Adds <paramref name="value"/> to the accumulator (creating it when there is none).</summary>
    void Add(TIn value);
}
