using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A computed column: <c>name AS expr [COMMENT '...']</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The column name.</param>
/// <param name="Expression">The computation.</param>
/// <param name="Comment">The column comment, or null.</param>
public sealed record ComputedColumn(
    SourceSpan Span,
    Identifier Name,
    SqlExpression Expression,
    string? Comment)
    : ColumnDefinition(Span, Name, Comment);
