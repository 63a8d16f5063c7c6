using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>WATERMARK FOR column AS expr</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Column">The event-time column (a nested field is a qualified name).</param>
/// <param name="Strategy">The watermark expression.</param>
public sealed record WatermarkDefinition(SourceSpan Span, QualifiedName Column, SqlExpression Strategy) : SqlNode(Span);
