using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>One field of a <see cref="RowDataType"/>: <c>name type [COMMENT '...']</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The field name.</param>
/// <param name="Type">The field type.</param>
/// <param name="Comment">The field comment, or null.</param>
public sealed record RowDataTypeField(SourceSpan Span, Identifier Name, SqlDataType Type, string? Comment) : SqlNode(Span);
