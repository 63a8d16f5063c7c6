using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>x [NOT] BETWEEN [ASYMMETRIC|SYMMETRIC] low AND high</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The tested value.</param>
/// <param name="Low">The lower bound.</param>
/// <param name="High">The upper bound.</param>
/// <param name="IsNegated">True for <c>NOT BETWEEN</c>.</param>
/// <param name="Symmetry">The symmetry keyword, as written.</param>
public sealed record BetweenExpression(
    SourceSpan Span,
    SqlExpression Operand,
    SqlExpression Low,
    SqlExpression High,
    bool IsNegated,
    BetweenSymmetry Symmetry)
    : SqlExpression(Span);
