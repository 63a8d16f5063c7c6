using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>ROW(e1, e2, ...)</c> or the implicit row <c>(e1, e2, ...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Fields">The fields.</param>
/// <param name="IsExplicit">True when the <c>ROW</c> keyword is written.</param>
public sealed record RowConstructor(
    SourceSpan Span,
    NodeList<SqlExpression> Fields,
    bool IsExplicit)
    : SqlExpression(Span);
