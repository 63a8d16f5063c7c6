namespace Sluice.State.Keyed;

/// <summary>
/// A handle to one keyed state. Every call acts on the backend's current key (set with
/// <see cref="IKeyedStateBackend{TKey}.SetCurrentKey"/>) and, for namespaced handles, the handle's current namespace.
/// Handles are used on the task thread only, like their backend.
/// </summary>
public interface IState
{
    /// <summary>Removes the value stored for the current key and namespace.</summary>
    void Clear();
}
