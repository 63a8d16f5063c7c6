using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>JSON_VALUE(json, path [RETURNING type] [behavior ON EMPTY] [behavior ON ERROR])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Json">The JSON string.</param>
/// <param name="Path">The JSON path.</param>
/// <param name="Returning">The <c>RETURNING</c> type, if written.</param>
/// <param name="OnEmpty">The <c>ON EMPTY</c> behavior, if written.</param>
/// <param name="OnError">The <c>ON ERROR</c> behavior, if written.</param>
public sealed record JsonValueExpression(
    SourceSpan Span,
    SqlExpression Json,
    SqlExpression Path,
    SqlDataType? Returning,
    JsonBehavior? OnEmpty,
    JsonBehavior? OnError)
    : SqlExpression(Span);
