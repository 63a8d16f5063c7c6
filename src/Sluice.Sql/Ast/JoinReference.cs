using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A join of two table references.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The join type.</param>
/// <param name="Left">The left input.</param>
/// <param name="Right">The right input.</param>
/// <param name="Condition">The <c>ON</c> condition, or null.</param>
/// <param name="Using">The <c>USING</c> columns; empty when absent.</param>
/// <param name="IsNatural">True for a <c>NATURAL</c> join.</param>
public sealed record JoinReference(
    SourceSpan Span,
    JoinKind Kind,
    TableReference Left,
    TableReference Right,
    SqlExpression? Condition,
    NodeList<Identifier> Using,
    bool IsNatural)
    : TableReference(Span);
