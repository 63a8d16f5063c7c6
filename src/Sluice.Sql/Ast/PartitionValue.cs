using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One <c>column = value</c> of a static <c>PARTITION</c> clause.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Column">The partition column.</param>
/// <param name="Value">The value (a literal).</param>
public sealed record PartitionValue(SourceSpan Span, Identifier Column, SqlExpression Value) : SqlNode(Span);
