namespace Sluice.State.Keyed;

/// <summary>A value per key (and namespace) that every added value is folded into with the descriptor's reduce function.</summary>
/// <typeparam name="T">The value type.</typeparam>
public interface IReducingState<T> : IState
{
    /// <summary>The reduced value, or <c>default</c> when nothing was added.</summary>
    T? Get();

    /// <summary>Folds <paramref name="value"/> into the stored value (or stores it when there is none).</summary>
    void Add(T value);
}
