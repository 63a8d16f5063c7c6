using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A subquery in <c>FROM</c>: <c>[LATERAL] (query) [[AS] alias [(columns)]]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Query">The subquery.</param>
/// <param name="IsLateral">True when <c>LATERAL</c> is written.</param>
/// <param name="Alias">The alias, or null.</param>
public sealed record DerivedTableReference(
    SourceSpan Span,
    SqlQuery Query,
    bool IsLateral,
    TableAlias? Alias)
    : TableReference(Span);
