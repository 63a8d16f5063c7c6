using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary><c>UNNEST(expr, ...) [WITH ORDINALITY] [[AS] alias [(columns)]]</c>.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Arguments">The unnested collections.</param>
/// <param name="WithOrdinality">True when <c>WITH ORDINALITY</c> is written.</param>
/// <param name="Alias">The alias, or null.</param>
public sealed record UnnestReference(
    SourceSpan Span,
    NodeList<SqlExpression> Arguments,
    bool WithOrdinality,
    TableAlias? Alias)
    : TableReference(Span);
