using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A query run as a statement.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Query">The query.</param>
public sealed record QueryStatement(SourceSpan Span, SqlQuery Query) : SqlStatement(Span);
