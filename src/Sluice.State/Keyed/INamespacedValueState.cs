namespace Sluice.State.Keyed;

/// <summary>A <see cref="IValueState{T}"/> scoped by a namespace.</summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
/// <typeparam name="T">The value type.</typeparam>
public interface INamespacedValueState<TNs, T> : IValueState<T>, INamespacedState<TNs>
{
}
