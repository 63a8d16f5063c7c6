using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>JSON_EXISTS(json, path [behavior ON ERROR])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Json">The JSON string.</param>
/// <param name="Path">The JSON path.</param>
/// <param name="OnError">The <c>ON ERROR</c> behavior, if written.</param>
public sealed record JsonExistsExpression(
    SourceSpan Span,
    SqlExpression Json,
    SqlExpression Path,
    JsonBehavior? OnError)
    : SqlExpression(Span);
