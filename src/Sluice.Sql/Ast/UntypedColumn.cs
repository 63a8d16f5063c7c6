using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A column named without a type, as <c>CREATE TABLE t (c, b, a) ... AS SELECT a, b, c ...</c> lists them to reorder the
/// query's columns (Flink's CTAS); only valid there.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The column name.</param>
public sealed record UntypedColumn(SourceSpan Span, Identifier Name) : ColumnDefinition(Span, Name, null);
