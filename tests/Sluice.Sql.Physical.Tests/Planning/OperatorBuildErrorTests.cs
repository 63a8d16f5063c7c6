using Sluice.Sql.Physical.Planning;
using Sluice.Sql.Physical.Session;
using Sluice.Sql.Physical.Tests.EndToEnd;

namespace Sluice.Sql.Physical.Tests.Planning;

/// <summary>
/// What an operator's constructor rejects (here an aggregate over a MULTISET it cannot keep) fails the statement while
/// it is planned, as a <see cref="SqlException"/> at the line and column of the call (of the statement when the call is
/// in a view), not the job when it starts.
/// </summary>
public sealed class OperatorBuildErrorTests
{
    private const string Multisets = "(SELECT k, COLLECT(v) AS ms FROM (VALUES (1, 'a')) AS t(k, v) GROUP BY k)";

    private static SqlSession NewSession() => new(new SqlSessionOptions(SqlScriptRunner.Registry()) { CollectInserts = true });

    [Theory]
    [InlineData("COUNT(DISTINCT ms)")]
    [InlineData("FIRST_VALUE(ms)")]
    public void Query_AggregateThatCannotKeepItsArgument_FailsWhilePlanningAtTheStatement(string call)
    {
        var session = NewSession();
        var statements = SqlSession.ParseScript($"SET 'parallelism.default' = '1';\n  SELECT {call} FROM {Multisets};");
        session.Execute(statements[0]);

        var error = Assert.Throws<SqlException>(() => session.Execute(statements[1]));

        // At the call, not at the statement's start (column 3).
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Contains("cannot keep values of MULTISET", error.Reason, StringComparison.Ordinal);
        Assert.IsType<OperatorBuildException>(error.InnerException);
    }

    [Fact]
    public void Insert_AggregateThatCannotKeepItsArgument_FailsWithThePositionOfItsInsert()
    {
        var session = NewSession();
        var statements = SqlSession.ParseScript(
            "CREATE TABLE out1 (n BIGINT) WITH ('connector' = 'blackhole');\n" +
            "INSERT INTO out1 SELECT COUNT(*) FROM " + Multisets + ";\n" +
            "INSERT INTO out1 SELECT COUNT(DISTINCT ms) FROM " + Multisets + ";");
        foreach (var statement in statements)
        {
            session.Execute(statement);
        }

        var error = Assert.Throws<SqlException>(() => session.PlanCollectedInserts());

        Assert.Equal((3, 25), (error.Line, error.Column));
        Assert.Contains("cannot keep values of MULTISET", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_AggregateThatCannotKeepItsArgument_FailsAtTheStatement()
    {
        var session = NewSession();
        var statement = SqlSession.ParseScript($"SELECT COUNT(DISTINCT ms) FROM {Multisets}")[0];

        var error = Assert.Throws<SqlException>(() => session.Explain(statement));

        Assert.Equal((1, 8), (error.Line, error.Column));
    }

    [Fact]
    public void Call_in_a_view_fails_at_the_statement_that_reads_the_view()
    {
        var session = NewSession();
        var statements = SqlSession.ParseScript($"CREATE VIEW v AS SELECT COUNT(DISTINCT ms) AS n FROM {Multisets};\n  SELECT n FROM v;");
        session.Execute(statements[0]);

        var error = Assert.Throws<SqlException>(() => session.Execute(statements[1]));

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("cannot keep values of MULTISET", error.Reason, StringComparison.Ordinal);
    }
}
