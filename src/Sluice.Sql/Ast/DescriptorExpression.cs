using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>DESCRIPTOR(col, ...)</c>: column names passed to a table-valued function.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Columns">The columns.</param>
public sealed record DescriptorExpression(SourceSpan Span, NodeList<Identifier> Columns) : SqlExpression(Span);
