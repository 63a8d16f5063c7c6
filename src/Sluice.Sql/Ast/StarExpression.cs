using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>*</c> or <c>t.*</c> in a select list, or <c>*</c> in <c>COUNT(*)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Qualifier">The qualifier before <c>.*</c>, or null for a bare <c>*</c>.</param>
public sealed record StarExpression(SourceSpan Span, QualifiedName? Qualifier) : SqlExpression(Span);
