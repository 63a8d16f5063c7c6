namespace Sluice.State.Keyed;

/// <summary>A <see cref="IListState{T}"/> scoped by a namespace, whose namespaces can be merged.</summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
public interface INamespacedListState<TNs, T> : IListState<T>, INamespacedState<TNs>
{
    /// <summary>
    /// For the current key, appends the elements of every source namespace to <paramref name="target"/> (in the order
    /// of <paramref name="sources"/>) and clears the sources. A source equal to the target is ignored. The current
    /// namespace is not changed.
    /// </summary>
    void MergeNamespaces(TNs target, IEnumerable<TNs> sources);
}
