using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>OVERLAY(x PLACING y FROM start [FOR length])</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Source">The original string.</param>
/// <param name="Replacement">The string placed.</param>
/// <param name="Start">The 1-based start position.</param>
/// <param name="Length">The number of characters replaced, if written.</param>
public sealed record OverlayExpression(
    SourceSpan Span,
    SqlExpression Source,
    SqlExpression Replacement,
    SqlExpression Start,
    SqlExpression? Length)
    : SqlExpression(Span);
