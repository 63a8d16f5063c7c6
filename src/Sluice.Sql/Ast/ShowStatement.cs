using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>SHOW ...</c>: tables, views, functions, catalogs, databases, modules, jars, the current catalog or database, a
/// table's columns or its <c>CREATE</c> statement.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Kind">What is shown.</param>
/// <param name="Target">
/// The database of <c>FROM|IN db</c>, the table or view of <c>SHOW CREATE</c>/<c>SHOW COLUMNS</c>, or null.
/// </param>
/// <param name="LikePattern">The <c>LIKE</c> pattern, or null.</param>
/// <param name="IsNotLike">True for <c>NOT LIKE</c>.</param>
public sealed record ShowStatement(
    SourceSpan Span,
    ShowKind Kind,
    QualifiedName? Target,
    string? LikePattern,
    bool IsNotLike)
    : SqlStatement(Span)
{
    /// <summary>
    /// True for <c>[NOT] ILIKE</c>: the pattern matches case-insensitively (Flink 2 allows it for <c>SHOW CATALOGS</c>,
    /// <c>SHOW DATABASES</c> and <c>SHOW [USER] FUNCTIONS</c>).
    /// </summary>
    public bool IsILike { get; init; }

    /// <summary>The partition spec of <c>SHOW PARTITIONS t PARTITION (k = 'v')</c>; empty otherwise.</summary>
    public NodeList<PartitionValue> Partition { get; init; } = NodeList<PartitionValue>.Empty;
}
