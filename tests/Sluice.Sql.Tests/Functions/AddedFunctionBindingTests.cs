using Sluice.Sql.Planning;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Functions;

/// <summary>
/// Binding of ELT, SPLIT, JSON_QUOTE, JSON_UNQUOTE, ENCODE, DECODE, CURRENT_WATERMARK and OVERLAPS: Flink's result types
/// and positioned errors; and the parsing and formatting of <c>OVERLAPS</c>.
/// </summary>
public sealed class AddedFunctionBindingTests
{
    [Theory]
    [InlineData("ELT(i, s, v10)", "STRING")]
    [InlineData("ELT(nn_i, nn_s, nn_s)", "STRING")]
    [InlineData("ELT(2, bts, bin4)", "BYTES")]
    [InlineData("SPLIT(s, ',')", "ARRAY<STRING>")]
    [InlineData("SPLIT(nn_s, ',')", "ARRAY<STRING> NOT NULL")]
    [InlineData("JSON_QUOTE(s)", "STRING")]
    [InlineData("JSON_UNQUOTE(nn_s)", "STRING NOT NULL")]
    [InlineData("ENCODE(nn_s, 'UTF-8')", "BYTES NOT NULL")]
    [InlineData("DECODE(bts, 'UTF-8')", "STRING")]
    [InlineData("CURRENT_WATERMARK(ts)", "TIMESTAMP(3)")]
    [InlineData("(ts, INTERVAL '1' HOUR) OVERLAPS (ts6, ts6)", "BOOLEAN")]
    [InlineData("(dt, dt) OVERLAPS (dt, INTERVAL '1' DAY)", "BOOLEAN")]
    public void ResultTypes_FollowFlink(string expression, string expected) => Assert.Equal(expected, TypeOf(expression));

    [Theory]
    [InlineData("SELECT ELT(i, s, bts) FROM T", "line 1, column 8: The expressions of ELT must all be character strings or all binary strings")]
    [InlineData("SELECT SPLIT(i, ',') FROM T", "line 1, column 8: Cannot apply 'SPLIT' to arguments (INT, CHAR(1) NOT NULL)")]
    [InlineData("SELECT DECODE(s, 'UTF-8') FROM T", "line 1, column 8: Cannot apply 'DECODE' to arguments (STRING, CHAR(5) NOT NULL)")]
    [InlineData("SELECT CURRENT_WATERMARK(ts6) FROM T", "line 1, column 26: The argument of CURRENT_WATERMARK must be a rowtime attribute, not 'ts6'")]
    [InlineData("SELECT ts OVERLAPS (ts, ts) FROM T", "line 1, column 8: The operands of OVERLAPS must be periods")]
    [InlineData("SELECT (i, ts) OVERLAPS (ts, ts) FROM T", "line 1, column 9: The start of an OVERLAPS period must be a date-time, not INT")]
    [InlineData("SELECT (ts, i) OVERLAPS (ts, ts) FROM T", "line 1, column 13: The end of an OVERLAPS period must be a date-time like its start")]
    [InlineData("SELECT (tm, tm) OVERLAPS (dt, dt) FROM T", "line 1, column 8: Cannot apply 'OVERLAPS' to periods of TIME(0) and DATE")]
    public void Misuse_IsAPositionedError(string sql, string message)
    {
        var error = Assert.Throws<SqlException>(() => Bind(sql));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlaps_ParsesAsAComparisonAndFormatsBack()
    {
        const string sql = "SELECT (a, b) OVERLAPS (c, INTERVAL '1' HOUR) AND NOT (a, b) OVERLAPS (d, e) FROM t";
        var formatted = SqlFormatter.Format(SqlParser.ParseStatement(sql));

        Assert.Contains("(a, b) OVERLAPS (c, INTERVAL '1' HOUR) AND NOT (a, b) OVERLAPS (d, e)", formatted, StringComparison.Ordinal);
        Assert.Equal(formatted, SqlFormatter.Format(SqlParser.ParseStatement(formatted)));
    }

    [Fact]
    public void TableFunction_AloneInFrom_BindsToAScanOfTheFunction()
    {
        var plan = Bind("SELECT word FROM TABLE(SPLIT_WORDS('a b')) AS w(word)", Binding.TestCatalogs.Empty());

        Assert.Contains(Descendants(plan), node => node is TableFunctionScan);
    }

    [Theory]
    [InlineData("SELECT s, (SELECT COUNT(*) FROM T AS b WHERE b.s = a.s) AS n FROM T AS a GROUP BY s")]
    [InlineData("SELECT s FROM T AS a GROUP BY s HAVING COUNT(*) > (SELECT AVG(i) FROM T AS b WHERE b.s = a.s)")]
    public void CorrelatedScalarSubquery_InAnAggregatingQuery_IsALeftJoinOntoTheAggregation(string sql)
    {
        var plan = Bind(sql);

        var join = Assert.Single(Descendants(plan).OfType<Join>());
        Assert.Equal(JoinType.Left, join.JoinType);
        Assert.IsType<Aggregate>(join.Left);
        // The subquery is grouped by its correlation column b.s.
        Assert.Contains(Descendants(join.Right), n => n is Aggregate { GroupKeys.Count: 1 });
    }

    private static IEnumerable<LogicalPlan> Descendants(LogicalPlan plan) => plan.Inputs.SelectMany(Descendants).Prepend(plan);
}
