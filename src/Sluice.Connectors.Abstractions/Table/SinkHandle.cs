using Sluice.Connectors.Abstractions.Sink;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>The <see cref="ISinkHandle"/> of a typed sink. Immutable.</summary>
/// <typeparam name="TCommittable">The sink's committable type.</typeparam>
public sealed class SinkHandle<TCommittable> : ISinkHandle
{
    /// <summary>Wraps <paramref name="sink"/>.</summary>
    public SinkHandle(ISink<TCommittable> sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        Sink = sink;
    }

    /// <summary>The typed sink.</summary>
    public ISink<TCommittable> Sink { get; }

    /// <inheritdoc />
    public TResult Accept<TResult>(ISinkVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(Sink);
    }
}
