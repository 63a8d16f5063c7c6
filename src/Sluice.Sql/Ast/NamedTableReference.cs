using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A table or view by name: <c>name [/*+ hints */] [FOR SYSTEM_TIME AS OF expr] [[AS] alias [(columns)]]</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Name">The table name.</param>
/// <param name="Hints">Table hints such as <c>OPTIONS(...)</c>.</param>
/// <param name="SystemTimeAsOf">The <c>FOR SYSTEM_TIME AS OF</c> time of a temporal join, or null.</param>
/// <param name="Alias">The alias, or null.</param>
public sealed record NamedTableReference(
    SourceSpan Span,
    QualifiedName Name,
    NodeList<Hint> Hints,
    SqlExpression? SystemTimeAsOf,
    TableAlias? Alias)
    : TableReference(Span);
