using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>ALTER TABLE [IF EXISTS] name ADD DISTRIBUTED ...</c>, <c>MODIFY DISTRIBUTED ...</c> or <c>DROP DISTRIBUTION</c>
/// (Flink 2's bucketing).
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table.</param>
/// <param name="IfExists">True for <c>IF EXISTS</c>.</param>
/// <param name="Action">Whether the distribution is added, modified or dropped.</param>
/// <param name="Distribution">The new distribution; null for <c>DROP DISTRIBUTION</c>.</param>
public sealed record AlterTableDistributionStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IfExists,
    AlterDistributionAction Action,
    DistributionClause? Distribution)
    : SqlStatement(Span);
