using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A bare time unit used as a function argument, e.g. <c>DAY</c> in <c>TIMESTAMPADD(DAY, 1, ts)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Unit">The unit.</param>
public sealed record TimeUnitExpression(SourceSpan Span, TimeUnit Unit) : SqlExpression(Span);
