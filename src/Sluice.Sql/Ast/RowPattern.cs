using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The base of the row patterns of <c>MATCH_RECOGNIZE ... PATTERN (...)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
public abstract record RowPattern(SourceSpan Span) : SqlNode(Span);
