using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>A statement set: inserts planned and run as one job.</summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Syntax">How the set was written.</param>
/// <param name="Statements">The inserts, in order; never empty.</param>
public sealed record StatementSetStatement(
    SourceSpan Span,
    StatementSetSyntax Syntax,
    NodeList<InsertStatement> Statements)
    : SqlStatement(Span);
