using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A physical column: <c>name type [[CONSTRAINT c] PRIMARY KEY NOT ENFORCED] [COMMENT '...']</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The column name.</param>
/// <param name="Type">The type.</param>
/// <param name="PrimaryKey">An inline primary key (with no column list), or null.</param>
/// <param name="Comment">The column comment, or null.</param>
public sealed record PhysicalColumn(
    SourceSpan Span,
    Identifier Name,
    SqlDataType Type,
    PrimaryKeyConstraint? PrimaryKey,
    string? Comment)
    : ColumnDefinition(Span, Name, Comment);
