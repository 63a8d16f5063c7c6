using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// One component of <c>ALTER TABLE ... ADD/MODIFY</c>: a column with an optional position (<c>FIRST</c> or
/// <c>AFTER column</c>), a primary key, or a watermark; exactly one of them is set.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Column">A column definition.</param>
/// <param name="First">True for <c>FIRST</c>.</param>
/// <param name="After">The column named by <c>AFTER</c>.</param>
/// <param name="PrimaryKey">A <c>PRIMARY KEY (...) NOT ENFORCED</c> constraint.</param>
/// <param name="Watermark">A <c>WATERMARK FOR ... AS ...</c> definition.</param>
public sealed record AlterTableComponent(
    SourceSpan Span,
    ColumnDefinition? Column,
    bool First,
    Identifier? After,
    PrimaryKeyConstraint? PrimaryKey,
    WatermarkDefinition? Watermark)
    : SqlNode(Span);
