using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A simple name: a column, alias, table or function name part. Names are case-sensitive, as in Flink.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Value">The name, without quotes or escapes.</param>
public sealed record Identifier(SourceSpan Span, string Value) : SqlNode(Span);
