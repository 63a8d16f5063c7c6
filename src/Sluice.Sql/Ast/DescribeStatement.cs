using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>DESCRIBE [EXTENDED] name</c> or <c>DESC [EXTENDED] name</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table or view.</param>
/// <param name="IsExtended">True for <c>EXTENDED</c>.</param>
public sealed record DescribeStatement(SourceSpan Span, QualifiedName Name, bool IsExtended) : SqlStatement(Span);
