namespace Sluice.State.Keyed;

/// <summary>A <see cref="IReducingState{T}"/> scoped by a namespace, whose namespaces can be merged.</summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
/// <typeparam name="T">The value type.</typeparam>
public interface INamespacedReducingState<TNs, T> : IReducingState<T>, INamespacedState<TNs>
{
    /// <summary>
    /// For the current key, reduces the values of every source namespace (in order) and folds the result into
    /// <paramref name="target"/> as <c>reduce(target, merged)</c>; the sources are cleared. A source equal to the
    /// target is ignored. The current namespace is not changed.
    /// </summary>
    void MergeNamespaces(TNs target, IEnumerable<TNs> sources);
}
