using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>The base of column definitions in <c>CREATE TABLE</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The column name.</param>
/// <param name="Comment">The column comment, or null.</param>
public abstract record ColumnDefinition(SourceSpan Span, Identifier Name, string? Comment) : SqlNode(Span);
