using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// <c>CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name (...) [COMMENT '...'] [DISTRIBUTED ...] [PARTITIONED BY (...)] [WITH
/// (...)] [LIKE ...] [AS query]</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table name.</param>
/// <param name="IsTemporary">True for <c>TEMPORARY</c>.</param>
/// <param name="IfNotExists">True for <c>IF NOT EXISTS</c>.</param>
/// <param name="OrReplace">True for <c>OR REPLACE</c>.</param>
/// <param name="Columns">The columns, in order; may be empty for <c>LIKE</c> or <c>AS</c>.</param>
/// <param name="Watermarks">The <c>WATERMARK FOR</c> definitions.</param>
/// <param name="PrimaryKey">The table-level primary key, or null (a column may declare it instead).</param>
/// <param name="Comment">The table comment, or null.</param>
/// <param name="PartitionedBy">The <c>PARTITIONED BY</c> columns.</param>
/// <param name="Options">The <c>WITH</c> options, in order.</param>
/// <param name="Like">The <c>LIKE</c> clause, or null.</param>
/// <param name="AsQuery">The query of <c>CREATE TABLE ... AS query</c>, or null.</param>
/// <param name="Distribution">The <c>DISTRIBUTED BY</c> / <c>DISTRIBUTED INTO</c> clause, or null.</param>
public sealed record CreateTableStatement(
    SourceSpan Span,
    QualifiedName Name,
    bool IsTemporary,
    bool IfNotExists,
    bool OrReplace,
    NodeList<ColumnDefinition> Columns,
    NodeList<WatermarkDefinition> Watermarks,
    PrimaryKeyConstraint? PrimaryKey,
    string? Comment,
    NodeList<Identifier> PartitionedBy,
    NodeList<Property> Options,
    LikeClause? Like,
    SqlQuery? AsQuery,
    DistributionClause? Distribution = null)
    : SqlStatement(Span);
