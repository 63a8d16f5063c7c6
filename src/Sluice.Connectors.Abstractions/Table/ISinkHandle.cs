namespace Sluice.Connectors.Abstractions.Table;

/// <summary>
/// A type-erased <see cref="Sink.ISink{TCommittable}"/>: the runtime side recovers the committable type by
/// <see cref="Accept{TResult}"/>ing a visitor, e.g. one whose <c>Visit&lt;TCommittable&gt;</c> returns
/// <c>() =&gt; new SinkOperator&lt;TCommittable&gt;(sink)</c>.
/// </summary>
public interface ISinkHandle
{
    /// <summary>Calls <paramref name="visitor"/> with the typed sink and returns what it returns.</summary>
    TResult Accept<TResult>(ISinkVisitor<TResult> visitor);
}
