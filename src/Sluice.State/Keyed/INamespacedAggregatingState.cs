namespace Sluice.State.Keyed;

/// <summary>A <see cref="IAggregatingState{TIn, TOut}"/> scoped by a namespace, whose namespaces can be merged.</summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
/// <typeparam name="TIn">The input type.</typeparam>
/// <typeparam name="TOut">The result type.</typeparam>
public interface INamespacedAggregatingState<TNs, in TIn, out TOut> : IAggregatingState<TIn, TOut>, INamespacedState<TNs>
{
    /// <summary>
    /// For the current key, merges the accumulators of every source namespace (in order, with
    /// <see cref="IAggregateFunction{TIn, TAcc, TOut}.Merge"/>) into <paramref name="target"/>'s as
    /// <c>Merge(target, merged)</c>; the sources are cleared. A source equal to the target is ignored.
    /// The current namespace is not changed.
    /// </summary>
    void MergeNamespaces(TNs target, IEnumerable<TNs> sources);
}
