using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>x [NOT] LIKE pattern [ESCAPE e]</c> or <c>x [NOT] SIMILAR TO pattern [ESCAPE e]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The tested value.</param>
/// <param name="Pattern">The pattern.</param>
/// <param name="Escape">The escape character, if given.</param>
/// <param name="IsNegated">True for <c>NOT LIKE</c> / <c>NOT SIMILAR TO</c>.</param>
/// <param name="Operator"><c>LIKE</c> or <c>SIMILAR TO</c>.</param>
public sealed record LikeExpression(
    SourceSpan Span,
    SqlExpression Operand,
    SqlExpression Pattern,
    SqlExpression? Escape,
    bool IsNegated,
    LikeOperator Operator)
    : SqlExpression(Span);
