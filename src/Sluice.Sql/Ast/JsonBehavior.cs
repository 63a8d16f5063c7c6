using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// What a JSON function returns on empty or error: <c>NULL</c>, <c>ERROR</c>, <c>DEFAULT expr</c>, <c>EMPTY ARRAY</c>,
/// <c>EMPTY OBJECT</c>, <c>TRUE</c>, <c>FALSE</c> or <c>UNKNOWN</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The behavior.</param>
/// <param name="Default">The value of <c>DEFAULT expr</c>; null otherwise.</param>
public sealed record JsonBehavior(SourceSpan Span, JsonBehaviorKind Kind, SqlExpression? Default) : SqlNode(Span);
