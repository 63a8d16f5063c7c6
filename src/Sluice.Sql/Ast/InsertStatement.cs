using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>INSERT INTO|OVERWRITE name [/*+ hints */] [PARTITION (k = v, ...)] [(columns)] query</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Target">The sink table.</param>
/// <param name="IsOverwrite">True for <c>INSERT OVERWRITE</c>.</param>
/// <param name="Hints">Hints on the sink table.</param>
/// <param name="Partition">The static partition values; empty when absent.</param>
/// <param name="Columns">The target columns; empty when not listed.</param>
/// <param name="Query">The inserted rows.</param>
public sealed record InsertStatement(
    SourceSpan Span,
    QualifiedName Target,
    bool IsOverwrite,
    NodeList<Hint> Hints,
    NodeList<PartitionValue> Partition,
    NodeList<Identifier> Columns,
    SqlQuery Query)
    : SqlStatement(Span);
