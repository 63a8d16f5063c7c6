using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The base of <c>FROM</c> clause items.</summary>
/// <param name="Span">Where the node is in the source.</param>
public abstract record TableReference(SourceSpan Span) : SqlNode(Span);
