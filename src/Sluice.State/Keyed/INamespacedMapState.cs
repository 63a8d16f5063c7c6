namespace Sluice.State.Keyed;

/// <summary>A <see cref="IMapState{TK, TV}"/> scoped by a namespace.</summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
/// <typeparam name="TK">The map's key type.</typeparam>
/// <typeparam name="TV">The map's value type.</typeparam>
public interface INamespacedMapState<TNs, TK, TV> : IMapState<TK, TV>, INamespacedState<TNs>
    where TK : notnull
{
}
