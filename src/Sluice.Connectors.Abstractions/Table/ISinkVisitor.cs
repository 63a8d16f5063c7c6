using Sluice.Connectors.Abstractions.Sink;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Receives the typed sink behind an <see cref="ISinkHandle"/>: lets the planner build a sink operator for
/// <c>ISink&lt;TCommittable&gt;</c> without knowing the committable type at compile time.
/// </summary>
/// <typeparam name="TResult">What the visitor builds, e.g. an operator factory.</typeparam>
public interface ISinkVisitor<out TResult>
{
    /// <summary>Called with the typed sink.</summary>
    /// <typeparam name="TCommittable">The sink's committable type.</typeparam>
    TResult Visit<TCommittable>(ISink<TCommittable> sink);
}
