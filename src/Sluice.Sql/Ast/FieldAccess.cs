using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A field of a row-valued expression that is not a plain name, e.g. <c>f(x).field</c> or <c>a[1].field</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Target">The row value.</param>
/// <param name="Field">The field name.</param>
public sealed record FieldAccess(SourceSpan Span, SqlExpression Target, Identifier Field) : SqlExpression(Span);
