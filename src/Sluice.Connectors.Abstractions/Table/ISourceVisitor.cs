using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// Receives the typed source behind an <see cref="ISourceHandle"/>: lets the planner build a source operator for
/// <c>ISource&lt;TSplit&gt;</c> without knowing the split type at compile time.
/// </summary>
/// <typeparam name="TResult">What the visitor builds, e.g. an operator factory.</typeparam>
public interface ISourceVisitor<out TResult>
{
    /// <summary>Called with the typed source.</summary>
    /// <typeparam name="TSplit">The source's split type.</typeparam>
    TResult Visit<TSplit>(ISource<TSplit> source)
        where TSplit : ISourceSplit;
}
