using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>x IS [NOT] NULL | TRUE | FALSE | UNKNOWN</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The tested value.</param>
/// <param name="Test">What is tested.</param>
/// <param name="IsNegated">True for <c>IS NOT</c>.</param>
public sealed record IsExpression(
    SourceSpan Span,
    SqlExpression Operand,
    IsTest Test,
    bool IsNegated)
    : SqlExpression(Span);
