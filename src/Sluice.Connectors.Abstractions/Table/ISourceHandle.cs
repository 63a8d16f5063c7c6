using Sluice.Connectors.Abstractions.Source;

namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A type-erased <see cref="ISource{TSplit}"/>: the runtime side recovers the split type by
/// <see cref="Accept{TResult}"/>ing a visitor, e.g. <c>handle.Accept(new SourceOperatorBuilder(watermarks))</c> whose
/// <c>Visit&lt;TSplit&gt;</c> returns <c>() =&gt; new SourceOperator&lt;TSplit&gt;(source, watermarks)</c>.
/// </summary>
public interface ISourceHandle
{
    /// <summary>Whether the source ends by itself.</summary>
    Boundedness Boundedness { get; }

    /// <summary>Calls <paramref name="visitor"/> with the typed source and returns what it returns.</summary>
    TResult Accept<TResult>(ISourceVisitor<TResult> visitor);
}
