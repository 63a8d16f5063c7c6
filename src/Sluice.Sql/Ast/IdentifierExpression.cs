using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A reference by name: a column, <c>t.column</c>, or a nested field <c>t.column.field</c> (resolved by the binder).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The compound name.</param>
public sealed record IdentifierExpression(SourceSpan Span, QualifiedName Name) : SqlExpression(Span);
