namespace Sluice.State.Keyed;

/// <summary>A list of values per key (and namespace); also the shape of operator list state.</summary>
/// <typeparam name="T">The element type.</typeparam>
public interface IListState<T> : IState
{
    /// <summary>A copy of the elements in insertion order; empty when there are none.</summary>
    IEnumerable<T> Get();

    /// <summary>Appends an element (null is not allowed).</summary>
    void Add(T value);

    /// <summary>Appends elements in order.</summary>
    void AddAll(IEnumerable<T> values);

    /// <summary>Replaces the elements; an empty sequence clears the state.</summary>
    void Update(IEnumerable<T> values);
}
