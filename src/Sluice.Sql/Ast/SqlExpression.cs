using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The base of every scalar expression node.</summary>
/// <param name="Span">Where the node is in the source.</param>
public abstract record SqlExpression(SourceSpan Span) : SqlNode(Span);
