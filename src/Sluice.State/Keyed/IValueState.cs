using System.Diagnostics.CodeAnalysis;

namespace Sluice.State.Keyed;

/// <summary>A single value per key (and namespace).</summary>
/// <typeparam name="T">The value type.</typeparam>
public interface IValueState<T> : IState
{
    /// <summary>The stored value, or <c>default</c> when there is none (use <see cref="TryGet"/> to tell them apart).</summary>
    T? Value();

    /// <summary>Gets the stored value; false when there is none (or it expired).</summary>
    bool TryGet([MaybeNullWhen(false)] out T value);

    /// <summary>Stores <paramref name="value"/>; a null reference clears the state, as in Flink.</summary>
    void Update(T value);
}
