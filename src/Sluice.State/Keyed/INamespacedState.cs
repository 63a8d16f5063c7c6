namespace Sluice.State.Keyed;

/// <summary>
/// A state handle scoped by a namespace as well as by the current key (windows use the window as the namespace).
/// The current namespace belongs to the handle; the default is <c>default(TNs)</c>.
/// </summary>
/// <typeparam name="TNs">The namespace type.</typeparam>
public interface INamespacedState<TNs> : IState
{
    /// <summary>Sets the namespace that the next calls act on.</summary>
    void SetCurrentNamespace(TNs ns);
}
