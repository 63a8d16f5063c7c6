using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;
using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Parsing;

/// <summary>
/// The syntax of ARRAY_AGG's RESPECT / IGNORE NULLS and of JSON_OBJECTAGG / JSON_ARRAYAGG (Flink 2.x): parsing, the
/// canonical text and its round trip, the bound types and plan text, and the positioned errors for misuse.
/// </summary>
public sealed class AggregateCallSyntaxTests
{
    [Theory]
    [InlineData("SELECT ARRAY_AGG(x) FROM t", "SELECT ARRAY_AGG(x) FROM t")]
    [InlineData("SELECT array_agg(DISTINCT x IGNORE NULLS) FROM t", "SELECT array_agg(DISTINCT x IGNORE NULLS) FROM t")]
    [InlineData("SELECT ARRAY_AGG(x RESPECT NULLS) FILTER (WHERE y > 1) FROM t", "SELECT ARRAY_AGG(x RESPECT NULLS) FILTER (WHERE y > 1) FROM t")]
    [InlineData("SELECT ARRAY_AGG(x) IGNORE NULLS FROM t", "SELECT ARRAY_AGG(x IGNORE NULLS) FROM t")]
    [InlineData("SELECT JSON_OBJECTAGG(k VALUE v) FROM t", "SELECT JSON_OBJECTAGG(KEY k VALUE v) FROM t")]
    [InlineData("SELECT json_objectagg(KEY k VALUE v ABSENT ON NULL) FROM t", "SELECT JSON_OBJECTAGG(KEY k VALUE v ABSENT ON NULL) FROM t")]
    [InlineData("SELECT JSON_OBJECTAGG(KEY key VALUE v NULL ON NULL) FROM t", "SELECT JSON_OBJECTAGG(KEY `key` VALUE v NULL ON NULL) FROM t")]
    [InlineData("SELECT JSON_ARRAYAGG(v) FROM t", "SELECT JSON_ARRAYAGG(v) FROM t")]
    [InlineData("SELECT JSON_ARRAYAGG(v + 1 NULL ON NULL) FILTER (WHERE v > 0) FROM t", "SELECT JSON_ARRAYAGG(v + 1 NULL ON NULL) FILTER (WHERE v > 0) FROM t")]
    [InlineData("SELECT JSON_ARRAYAGG(JSON_OBJECT('a' VALUE v)) FROM t", "SELECT JSON_ARRAYAGG(JSON_OBJECT(KEY 'a' VALUE v)) FROM t")]
    [InlineData("SELECT PERCENTILE(x, ARRAY[0.25, 0.5], f) FROM t", "SELECT PERCENTILE(x, ARRAY[0.25, 0.5], f) FROM t")]
    public void Canonical_Text_RoundTrips(string sql, string expected)
    {
        var canonical = Canonical(sql);
        Assert.Equal(expected, canonical);
        Assert.Equal(canonical, Canonical(canonical));
        EqualIgnoringSpans(SqlParser.ParseStatement(sql), SqlParser.ParseStatement(canonical));
    }

    [Fact]
    public void JsonObjectAgg_IsACallWithKeyValueArguments_AndItsNullClause()
    {
        var call = Assert.IsType<FunctionCall>(Select("SELECT JSON_OBJECTAGG(KEY k VALUE v ABSENT ON NULL) FROM t").Items[0].Expression);

        Assert.Equal("JSON_OBJECTAGG", call.Name.Last.Value);
        Assert.Equal(2, call.Arguments.Count);
        Assert.Equal(JsonNullHandling.Absent, call.JsonNullHandling);
        Assert.Equal(NullTreatment.Default, call.NullTreatment);
    }

    [Fact]
    public void ArrayAgg_NullTreatment_IsOnTheCall()
    {
        var call = Assert.IsType<FunctionCall>(Select("SELECT ARRAY_AGG(x IGNORE NULLS) FROM t").Items[0].Expression);

        Assert.Equal(NullTreatment.Ignore, call.NullTreatment);
    }

    [Theory]
    [InlineData("SELECT ARRAY_AGG(x ORDER BY x) FROM t", "line 1, column 20: ORDER BY inside ARRAY_AGG(...) is not supported yet")]
    [InlineData("SELECT JSON_ARRAYAGG(DISTINCT v) FROM t", "line 1, column 22: DISTINCT in JSON_ARRAYAGG is not supported yet")]
    public void Misuse_IsAPositionedParseError(string sql, string message) => Fails(sql, message);

    [Fact]
    public void JsonObjectAgg_WithoutValue_IsAPositionedParseError()
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseStatement("SELECT JSON_OBJECTAGG(k, v) FROM t"));

        Assert.Equal((1, 24), (error.Line, error.Column));
        Assert.Contains("VALUE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ARRAY_AGG(i)", "ARRAY<INT>")]
    [InlineData("ARRAY_AGG(nn_s IGNORE NULLS)", "ARRAY<STRING NOT NULL>")]
    [InlineData("JSON_OBJECTAGG(KEY s VALUE i)", "STRING NOT NULL")]
    [InlineData("JSON_ARRAYAGG(i)", "STRING NOT NULL")]
    [InlineData("PERCENTILE(i, 0.5)", "DOUBLE")]
    [InlineData("PERCENTILE(d52, ARRAY[0.1, 0.9], i)", "ARRAY<DOUBLE>")]
    public void Aggregate_HasFlinkType(string call, string expected) =>
        Assert.Equal(expected, Schema($"SELECT {call} FROM T GROUP BY s")[0].Type.ToString());

    [Fact]
    public void Plan_ShowsTheNullClauses_AndTheJsonTextOfTheValue()
    {
        var plan = Bind("SELECT ARRAY_AGG(i IGNORE NULLS), JSON_ARRAYAGG(i), JSON_OBJECTAGG(KEY s VALUE i) FROM T").Explain();

        Assert.Contains("ARRAY_AGG(i IGNORE NULLS)", plan, StringComparison.Ordinal);
        Assert.Contains("JSON_ARRAYAGG($f1 ABSENT ON NULL)", plan, StringComparison.Ordinal);
        Assert.Contains("JSON_OBJECTAGG(s, $f1 NULL ON NULL)", plan, StringComparison.Ordinal);
        Assert.Contains("JSON_STRING(i)", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SELECT PERCENTILE(i, 2) FROM T", "line 1, column 8: Percentage of PERCENTILE should be between [0.0, 1.0], but was '2'")]
    [InlineData("SELECT FIRST_VALUE(i IGNORE NULLS) FROM T", "line 1, column 8: IGNORE NULLS is only supported with ARRAY_AGG, not FIRST_VALUE")]
    [InlineData("SELECT JSON_OBJECTAGG(KEY i VALUE s) FROM T", "line 1, column 8: Cannot apply 'JSON_OBJECTAGG' to arguments (INT, STRING); supported: JSON_OBJECTAGG(<CHARACTER>, <ANY>)")]
    public void Misuse_IsAPositionedBindError(string sql, string message) => BindFails(sql, message);
}
