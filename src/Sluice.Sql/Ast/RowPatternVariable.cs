using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A pattern variable in a row pattern: one row that meets the variable's <c>DEFINE</c> condition.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The variable.</param>
public sealed record RowPatternVariable(SourceSpan Span, Identifier Name) : RowPattern(Span);
