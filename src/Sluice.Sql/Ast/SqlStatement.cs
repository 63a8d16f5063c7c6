using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The base of statement nodes.</summary>
/// <param name="Span">Where the node is in the source.</param>
public abstract record SqlStatement(SourceSpan Span) : SqlNode(Span);
