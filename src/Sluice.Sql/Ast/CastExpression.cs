using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>CAST(x AS type)</c> or <c>TRY_CAST(x AS type)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operand">The value.</param>
/// <param name="TargetType">The target type.</param>
/// <param name="IsTry">True for <c>TRY_CAST</c>.</param>
public sealed record CastExpression(
    SourceSpan Span,
    SqlExpression Operand,
    SqlDataType TargetType,
    bool IsTry)
    : SqlExpression(Span);
