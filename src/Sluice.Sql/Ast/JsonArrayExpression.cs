using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>JSON_ARRAY(v, ... [NULL|ABSENT ON NULL])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Elements">The elements; may be empty.</param>
/// <param name="NullHandling">The <c>ON NULL</c> clause, as written.</param>
public sealed record JsonArrayExpression(
    SourceSpan Span,
    NodeList<SqlExpression> Elements,
    JsonNullHandling NullHandling)
    : SqlExpression(Span);
