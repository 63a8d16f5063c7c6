using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Quantifier"><c>ALL</c> or <c>DISTINCT</c>, as written.</param>
/// <param name="Left">The left input.</param>
/// <param name="Right">The right input.</param>
public sealed record SetOperationQuery(
    SourceSpan Span,
    SetOperator Operator,
    SetQuantifier Quantifier,
    SqlQuery Left,
    SqlQuery Right)
    : SqlQuery(Span);
