using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>LIKE source (INCLUDING|EXCLUDING|OVERWRITING feature ...)</c> of <c>CREATE TABLE</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Source">The table copied from.</param>
/// <param name="Options">The merge options, in order.</param>
public sealed record LikeClause(SourceSpan Span, QualifiedName Source, NodeList<LikeOption> Options) : SqlNode(Span);
