using Sluice.Sql.Syntax;

namespace Sluice.Sql.Ast;

/// <summary>
/// A table function call in <c>FROM</c>: <c>[LATERAL] TABLE(f(...)) [[AS] alias [(columns)]]</c>, including windowing
/// table-valued functions such as <c>TABLE(TUMBLE(...))</c>.
/// </summary>
/// <param name="Span">Where the node is in the source.</param>
/// <param name="Call">The function call.</param>
/// <param name="IsLateral">True when <c>LATERAL</c> is written.</param>
/// <param name="Alias">The alias, or null.</param>
public sealed record TableFunctionReference(
    SourceSpan Span,
    FunctionCall Call,
    bool IsLateral,
    TableAlias? Alias)
    : TableReference(Span);
