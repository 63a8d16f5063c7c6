namespace Sluice.Testing.Faults;

/// <summary>A failure injected on purpose by a <see cref="FailureInjector"/>.</summary>
public sealed class InjectedFailureException(string point) : Exception($"Injected failure at '{point}'.")
{
    /// <summary>Where the failure was injected.</summary>
    public string Point { get; } = point;
}
