using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>[CONSTRAINT name] PRIMARY KEY [(columns)] [NOT] ENFORCED</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="ConstraintName">The constraint name, if written.</param>
/// <param name="Columns">The key columns; empty for an inline (column-level) key.</param>
/// <param name="IsEnforced">False for <c>NOT ENFORCED</c> (the only form Flink accepts).</param>
public sealed record PrimaryKeyConstraint(
    SourceSpan Span,
    Identifier? ConstraintName,
    NodeList<Identifier> Columns,
    bool IsEnforced)
    : SqlNode(Span);
