using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>FLOOR(x TO unit)</c> or <c>CEIL(x TO unit)</c> on a date-time value (plain <c>FLOOR(x)</c> is a <see
/// cref="FunctionCall"/>).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="IsCeiling">True for <c>CEIL</c>/<c>CEILING</c>.</param>
/// <param name="Operand">The value.</param>
/// <param name="Unit">The unit rounded to.</param>
public sealed record FloorCeilExpression(
    SourceSpan Span,
    bool IsCeiling,
    SqlExpression Operand,
    TimeUnit Unit)
    : SqlExpression(Span);
