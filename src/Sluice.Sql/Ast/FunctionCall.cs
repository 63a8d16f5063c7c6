using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A call of a named function: <c>f(args)</c>, <c>COUNT(DISTINCT x)</c>, <c>SUM(x) FILTER (WHERE ...)</c>,
/// <c>ROW_NUMBER() OVER (...)</c>, or a niladic function such as <c>CURRENT_TIMESTAMP</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The function name, as written (case preserved).</param>
/// <param name="Arguments">The arguments; <see cref="StarExpression"/> for <c>COUNT(*)</c>.</param>
/// <param name="Quantifier"><c>DISTINCT</c> or <c>ALL</c> before the arguments, as written.</param>
/// <param name="Filter">The <c>FILTER (WHERE ...)</c> condition, if any.</param>
/// <param name="Over">
/// The <c>OVER</c> window, if any (<c>OVER w</c> is a specification with only a base window).
/// </param>
/// <param name="HasParentheses">
/// False for niladic functions written without parentheses, e.g. <c>CURRENT_TIMESTAMP</c>.
/// </param>
public sealed record FunctionCall(
    SourceSpan Span,
    QualifiedName Name,
    NodeList<SqlExpression> Arguments,
    SetQuantifier Quantifier,
    SqlExpression? Filter,
    WindowSpecification? Over,
    bool HasParentheses)
    : SqlExpression(Span)
{
    /// <summary><c>RESPECT NULLS</c> or <c>IGNORE NULLS</c> after the arguments (<c>ARRAY_AGG(x IGNORE NULLS)</c>), as written.</summary>
    public NullTreatment NullTreatment { get; init; }

    /// <summary>
    /// The <c>NULL ON NULL</c> / <c>ABSENT ON NULL</c> clause of <c>JSON_OBJECTAGG</c> and <c>JSON_ARRAYAGG</c>, as written;
    /// <see cref="JsonNullHandling.Default"/> for every other call. <c>JSON_OBJECTAGG([KEY] k VALUE v)</c> is a call with
    /// the arguments <c>k, v</c>.
    /// </summary>
    public JsonNullHandling JsonNullHandling { get; init; }
}
