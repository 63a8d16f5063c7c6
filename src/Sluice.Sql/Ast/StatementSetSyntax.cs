namespace Sluice.Sql.Ast;

/// <summary>The spelling of a <see cref="StatementSetStatement"/>.</summary>
public enum StatementSetSyntax
{
    /// <summary><c>EXECUTE STATEMENT SET BEGIN ...; END</c>.</summary>
    ExecuteStatementSet,

    /// <summary><c>STATEMENT SET BEGIN ...; END</c>, as written after <c>EXPLAIN</c>.</summary>
    StatementSet,

    /// <summary><c>BEGIN STATEMENT SET; ...; END</c>, the SQL client's form.</summary>
    BeginStatementSet,
}
