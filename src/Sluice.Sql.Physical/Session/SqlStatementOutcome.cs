using Sluice.Sql.Planning;

namespace Sluice.Sql.Physical.Session;

/// <summary>
/// What executing one statement produced: a <see cref="StatementResult"/> (DDL, <c>SET</c>, <c>SHOW</c>,
/// <c>DESCRIBE</c>, <c>EXPLAIN</c>), a started <see cref="SqlJob"/> (a query, or an <c>INSERT</c> when inserts are not
/// collected), or nothing yet (an <c>INSERT</c> collected for the script's job). Exactly one of the properties is set,
/// or none for a collected insert.
/// </summary>
public sealed class SqlStatementOutcome
{
    private SqlStatementOutcome(StatementResult? result, SqlJob? job)
    {
        Result = result;
        Job = job;
    }

    /// <summary>The result of a DDL or utility statement.</summary>
    public StatementResult? Result { get; }

    /// <summary>The started job of a query or an uncollected insert.</summary>
    public SqlJob? Job { get; }

    /// <summary>True when the statement was an <c>INSERT</c> collected for <see cref="SqlSession.SubmitCollectedInserts"/>.</summary>
    public bool IsCollectedInsert => Result is null && Job is null;

    internal static SqlStatementOutcome Collected { get; } = new(null, null);

    internal static SqlStatementOutcome OfResult(StatementResult result) => new(result, null);

    internal static SqlStatementOutcome OfJob(SqlJob job) => new(null, job);
}
