using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A grouping construct in <c>GROUP BY</c>: <c>GROUPING SETS (...)</c>, <c>ROLLUP (...)</c> or <c>CUBE (...)</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The construct.</param>
/// <param name="Elements">
/// The elements; a <see cref="RowConstructor"/> stands for a parenthesized set and <see cref="EmptyGroupingSet"/> for
/// <c>()</c>.
/// </param>
public sealed record GroupingSetsExpression(
    SourceSpan Span,
    GroupingKind Kind,
    NodeList<SqlExpression> Elements)
    : SqlExpression(Span);
