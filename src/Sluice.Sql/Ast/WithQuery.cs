using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>WITH name AS (query), ... body</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="CommonTableExpressions">The named subqueries, in order.</param>
/// <param name="Body">The main query.</param>
public sealed record WithQuery(
    SourceSpan Span,
    NodeList<CommonTableExpression> CommonTableExpressions,
    SqlQuery Body)
    : SqlQuery(Span);
