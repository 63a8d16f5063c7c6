using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A window frame bound.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">The bound.</param>
/// <param name="Offset">
/// The offset of <c>n PRECEDING</c> / <c>n FOLLOWING</c> (a number or an interval); null otherwise.
/// </param>
public sealed record FrameBound(SourceSpan Span, FrameBoundKind Kind, SqlExpression? Offset) : SqlNode(Span);
