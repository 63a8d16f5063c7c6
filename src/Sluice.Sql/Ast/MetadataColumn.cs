using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A metadata column: <c>name type METADATA [FROM 'key'] [VIRTUAL] [COMMENT '...']</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The column name.</param>
/// <param name="Type">The type.</param>
/// <param name="MetadataKey">The metadata key of <c>FROM 'key'</c>, or null (the column name is the key).</param>
/// <param name="IsVirtual">True for <c>VIRTUAL</c> (read-only) columns.</param>
/// <param name="Comment">The column comment, or null.</param>
public sealed record MetadataColumn(
    SourceSpan Span,
    Identifier Name,
    SqlDataType Type,
    string? MetadataKey,
    bool IsVirtual,
    string? Comment)
    : ColumnDefinition(Span, Name, Comment);
