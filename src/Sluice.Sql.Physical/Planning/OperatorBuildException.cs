using Sluice.Core.Errors;

namespace Sluice.Sql.Physical.Planning;

/// <summary>
/// An operator of a statement cannot be built from its plan (a type an aggregate cannot keep, a key that cannot be
/// ordered, ...): found while planning, where the session maps it to the statement's position, rather than when the
/// job starts.
/// </summary>
public sealed class OperatorBuildException : SluiceException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="vertex">The name of the operator's vertex (for example <c>group-aggregate</c>).</param>
    /// <param name="reason">What is wrong.</param>
    /// <param name="innerException">What the operator threw.</param>
    public OperatorBuildException(string vertex, string reason, Exception innerException)
        : base(reason, ErrorDomain.User, RetryHint.None, innerException)
    {
        Vertex = vertex;
    }

    /// <summary>The name of the operator's vertex.</summary>
    public string Vertex { get; }

    /// <summary>Where the construct the operator was built for is in the statement (an aggregate call, an <c>OVER</c> window), or null when unknown.</summary>
    public Sluice.Sql.Syntax.SourceSpan? Span { get; init; }
}
