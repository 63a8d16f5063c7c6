using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>JSON_OBJECT([KEY] k VALUE v, ... [NULL|ABSENT ON NULL])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Entries">The entries; may be empty.</param>
/// <param name="NullHandling">The <c>ON NULL</c> clause, as written.</param>
public sealed record JsonObjectExpression(
    SourceSpan Span,
    NodeList<JsonKeyValue> Entries,
    JsonNullHandling NullHandling)
    : SqlExpression(Span);
