using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>VALUES (..), (..)</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Rows">The rows; never empty.</param>
public sealed record ValuesQuery(SourceSpan Span, NodeList<RowConstructor> Rows) : SqlQuery(Span);
