using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A <c>SELECT</c> block (without <c>ORDER BY</c>/<c>LIMIT</c>, which wrap it in an <see cref="OrderedQuery"/>).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Hints">Query hints after <c>SELECT</c>, e.g. <c>/*+ STATE_TTL(...) */</c>.</param>
/// <param name="Quantifier"><c>DISTINCT</c> or <c>ALL</c>, as written.</param>
/// <param name="Items">The select list; never empty.</param>
/// <param name="From">The <c>FROM</c> clause, or null.</param>
/// <param name="Where">The <c>WHERE</c> condition, or null.</param>
/// <param name="GroupBy">The <c>GROUP BY</c> elements; empty when there is no <c>GROUP BY</c>.</param>
/// <param name="Having">The <c>HAVING</c> condition, or null.</param>
/// <param name="Windows">The <c>WINDOW</c> clause's named windows.</param>
public sealed record SelectQuery(
    SourceSpan Span,
    NodeList<Hint> Hints,
    SetQuantifier Quantifier,
    NodeList<SelectItem> Items,
    TableReference? From,
    SqlExpression? Where,
    NodeList<SqlExpression> GroupBy,
    SqlExpression? Having,
    NodeList<NamedWindow> Windows)
    : SqlQuery(Span)
{
    /// <summary>
    /// The <c>QUALIFY</c> condition, or null: a filter on the select list's window functions, evaluated after them
    /// (<c>QUALIFY ROW_NUMBER() OVER (PARTITION BY k ORDER BY t) = 1</c>); it may name the select list's aliases.
    /// </summary>
    public SqlExpression? Qualify { get; init; }
}
