using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>EXTRACT(unit FROM x)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Unit">The extracted field.</param>
/// <param name="Source">The date-time value.</param>
public sealed record ExtractExpression(SourceSpan Span, TimeUnit Unit, SqlExpression Source) : SqlExpression(Span);
