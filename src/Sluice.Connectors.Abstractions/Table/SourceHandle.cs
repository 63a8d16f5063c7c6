using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>The <see cref="ISourceHandle"/> of a typed source. Immutable.</summary>
/// <typeparam name="TSplit">The source's split type.</typeparam>
public sealed class SourceHandle<TSplit> : ISourceHandle
    where TSplit : ISourceSplit
{
    /// <summary>Wraps <paramref name="source"/>.</summary>
    public SourceHandle(ISource<TSplit> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
    }

    /// <summary>The typed source.</summary>
    public ISource<TSplit> Source { get; }

    /// <inheritdoc />
    public Boundedness Boundedness => Source.Boundedness;

    /// <inheritdoc />
    public TResult Accept<TResult>(ISourceVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return visitor.Visit(Source);
    }
}
