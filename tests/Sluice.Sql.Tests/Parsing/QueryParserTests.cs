using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Parsing;

public class QueryParserTests
{
    [Theory]
    [InlineData("select a, b as c, d e from t where x > 1", "SELECT a, b AS c, d AS e FROM t WHERE x > 1")]
    [InlineData("SELECT DISTINCT a FROM t", "SELECT DISTINCT a FROM t")]
    [InlineData("SELECT *, t.* FROM t", "SELECT *, t.* FROM t")]
    [InlineData("SELECT 1", "SELECT 1")]
    [InlineData("(SELECT 1)", "SELECT 1")]
    [InlineData("SELECT a FROM t ORDER BY a DESC LIMIT 10 OFFSET 5", "SELECT a FROM t ORDER BY a DESC LIMIT 10 OFFSET 5")]
    [InlineData("SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY", "SELECT a FROM t LIMIT 10 OFFSET 5")]
    [InlineData("SELECT a FROM t FETCH FIRST ROW ONLY", "SELECT a FROM t LIMIT 1")]
    [InlineData("SELECT a FROM t LIMIT ALL", "SELECT a FROM t")]
    [InlineData("VALUES (1, 'a'), (2, 'b')", "VALUES (1, 'a'), (2, 'b')")]
    [InlineData("VALUES 1, 2", "VALUES (1), (2)")]
    [InlineData("VALUES ROW(1, 2)", "VALUES ROW(1, 2)")]
    [InlineData("VALUES ((SELECT 1))", "VALUES ((SELECT 1))")]
    [InlineData("WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y", "WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y")]
    [InlineData("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3", "(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3")]
    [InlineData("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", "SELECT 1 UNION (SELECT 2 UNION SELECT 3)")]
    [InlineData("SELECT 1 EXCEPT DISTINCT SELECT 2", "SELECT 1 EXCEPT DISTINCT SELECT 2")]
    [InlineData("SELECT 1 MINUS SELECT 2", "SELECT 1 EXCEPT SELECT 2")]
    [InlineData("(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT b FROM u", "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL SELECT b FROM u")]
    [InlineData("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1", "SELECT a FROM t UNION SELECT b FROM u ORDER BY 1")]
    [InlineData("((SELECT 1 LIMIT 1)) LIMIT 2", "(SELECT 1 LIMIT 1) LIMIT 2")]
    public void ParseQuery_Forms_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Theory]
    [InlineData("SELECT * FROM t1, t2 JOIN t3 ON t2.a = t3.a", "SELECT * FROM t1, t2 JOIN t3 ON t2.a = t3.a")]
    [InlineData("SELECT * FROM a LEFT OUTER JOIN b USING (id, k)", "SELECT * FROM a LEFT JOIN b USING (id, k)")]
    [InlineData("SELECT * FROM a INNER JOIN b ON a.x = b.x", "SELECT * FROM a JOIN b ON a.x = b.x")]
    [InlineData("SELECT * FROM a NATURAL LEFT JOIN b", "SELECT * FROM a NATURAL LEFT JOIN b")]
    [InlineData("SELECT * FROM a FULL JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x", "SELECT * FROM a FULL JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x")]
    [InlineData("SELECT * FROM (a JOIN b ON a.x = b.x) JOIN c ON b.y = c.y", "SELECT * FROM a JOIN b ON a.x = b.x JOIN c ON b.y = c.y")]
    [InlineData("SELECT * FROM (SELECT 1) AS t (x)", "SELECT * FROM (SELECT 1) AS t (x)")]
    [InlineData("SELECT * FROM ((SELECT 1) UNION (SELECT 2)) u", "SELECT * FROM (SELECT 1 UNION SELECT 2) AS u")]
    [InlineData("SELECT * FROM t /*+ OPTIONS('k'='v') */", "SELECT * FROM t /*+ OPTIONS('k' = 'v') */")]
    [InlineData("SELECT /*+ STATE_TTL('o' = '1d'), BROADCAST(p) */ * FROM o", "SELECT /*+ STATE_TTL('o' = '1d'), BROADCAST(p) */ * FROM o")]
    [InlineData("SELECT * FROM r FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'", "SELECT * FROM r FOR SYSTEM_TIME AS OF TIMESTAMP '2024-01-01 00:00:00'")]
    [InlineData("SELECT * FROM t CROSS JOIN UNNEST(t.arr) AS u (x)", "SELECT * FROM t CROSS JOIN UNNEST(t.arr) AS u (x)")]
    [InlineData("SELECT * FROM t, UNNEST(a, b) WITH ORDINALITY u", "SELECT * FROM t, UNNEST(a, b) WITH ORDINALITY AS u")]
    [InlineData("SELECT * FROM t, LATERAL TABLE(split(s)) AS w (word)", "SELECT * FROM t, LATERAL TABLE(split(s)) AS w (word)")]
    [InlineData("SELECT * FROM t, LATERAL (SELECT 1) l", "SELECT * FROM t, LATERAL (SELECT 1) AS l")]
    public void ParseQuery_FromClause_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Theory]
    [InlineData("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ())", "SELECT a FROM t GROUP BY GROUPING SETS ((a, b), a, ())")]
    [InlineData("SELECT a FROM t GROUP BY ROLLUP (a, b)", "SELECT a FROM t GROUP BY ROLLUP(a, b)")]
    [InlineData("SELECT a FROM t GROUP BY CUBE (a, (b, c))", "SELECT a FROM t GROUP BY CUBE(a, (b, c))")]
    [InlineData("SELECT a FROM t GROUP BY ()", "SELECT a FROM t GROUP BY ()")]
    [InlineData("SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1", "SELECT a, COUNT(*) FROM t GROUP BY a HAVING COUNT(*) > 1")]
    [InlineData("SELECT GROUPING(a) FROM t GROUP BY a", "SELECT GROUPING(a) FROM t GROUP BY a")]
    [InlineData("SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts), w2 AS (w ROWS 2 PRECEDING)", "SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts), w2 AS (w ROWS 2 PRECEDING)")]
    public void ParseQuery_Grouping_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Theory]
    [InlineData(
        "SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))",
        "SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTE))")]
    [InlineData(
        "SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))",
        "SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))")]
    [InlineData(
        "SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE))",
        "SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE))")]
    [InlineData(
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE))",
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE))")]
    [InlineData(
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (item, shop), DESCRIPTOR(bidtime), INTERVAL '5' MINUTE))",
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (item, shop), DESCRIPTOR(bidtime), INTERVAL '5' MINUTE))")]
    [InlineData(
        "SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES))",
        "SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTE))")]
    public void ParseQuery_WindowTableFunctions_Canonical(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Theory]
    [InlineData(
        "SELECT * FROM TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)",
        "SELECT * FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTE))")]
    [InlineData(
        "SELECT * FROM SESSION(DATA => TABLE Bid PARTITION BY item, TIMECOL => DESCRIPTOR(bidtime), GAP => INTERVAL '5' MINUTES) AS s",
        "SELECT * FROM TABLE(SESSION(DATA => TABLE Bid PARTITION BY item, TIMECOL => DESCRIPTOR(bidtime), GAP => INTERVAL '5' MINUTE)) AS s")]
    [InlineData(
        "SELECT * FROM t JOIN HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES) w ON t.a = w.a",
        "SELECT * FROM t JOIN TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE)) AS w ON t.a = w.a")]
    public void ParseQuery_TableFunctionWithoutTableWrapper_SameAsWrapped(string sql, string expected) => Assert.Equal(expected, Canonical(sql));

    [Fact]
    public void ParseQuery_Select_RecordsEveryClause()
    {
        var select = Select(
            "SELECT DISTINCT a, b AS c FROM t WHERE a > 1 GROUP BY a, b HAVING COUNT(*) > 2 WINDOW w AS (ORDER BY a)");
        Assert.Equal(SetQuantifier.Distinct, select.Quantifier);
        Assert.Equal(2, select.Items.Count);
        Assert.Equal("c", select.Items[1].Alias!.Value);
        Assert.IsType<NamedTableReference>(select.From);
        Assert.IsType<BinaryExpression>(select.Where);
        Assert.Equal(2, select.GroupBy.Count);
        Assert.NotNull(select.Having);
        Assert.Equal("w", Assert.Single(select.Windows).Name.Value);
    }

    [Fact]
    public void ParseQuery_IntersectBindsTighterThanUnion()
    {
        var union = Assert.IsType<SetOperationQuery>(SqlParser.ParseQuery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4"));
        Assert.Equal(SetOperator.Except, union.Operator);
        var left = Assert.IsType<SetOperationQuery>(union.Left);
        Assert.Equal(SetOperator.Union, left.Operator);
        Assert.Equal(SetOperator.Intersect, Assert.IsType<SetOperationQuery>(left.Right).Operator);
    }

    [Fact]
    public void ParseQuery_OrderByAppliesToTheWholeSetOperation()
    {
        var ordered = Assert.IsType<OrderedQuery>(SqlParser.ParseQuery("SELECT a FROM t UNION ALL SELECT a FROM u ORDER BY a LIMIT 3"));
        var union = Assert.IsType<SetOperationQuery>(ordered.Body);
        Assert.Equal(SetQuantifier.All, union.Quantifier);
        Assert.Equal("3", Assert.IsType<NumericLiteral>(ordered.Limit).Text);
    }

    [Fact]
    public void ParseQuery_WithWrapsOrderBy()
    {
        var with = Assert.IsType<WithQuery>(SqlParser.ParseQuery("WITH x AS (SELECT 1 AS a) SELECT a FROM x ORDER BY a"));
        Assert.Equal("x", Assert.Single(with.CommonTableExpressions).Name.Value);
        Assert.IsType<OrderedQuery>(with.Body);
    }

    [Fact]
    public void ParseQuery_CommaAndJoinAreLeftAssociative()
    {
        var join = Assert.IsType<JoinReference>(Select("SELECT * FROM t1, t2 JOIN t3 ON t2.a = t3.a").From);
        Assert.Equal(JoinKind.Inner, join.Kind);
        var comma = Assert.IsType<JoinReference>(join.Left);
        Assert.Equal(JoinKind.Comma, comma.Kind);
        Assert.Equal("t3", Assert.IsType<NamedTableReference>(join.Right).Name.Last.Value);
    }

    [Fact]
    public void ParseQuery_TemporalJoin_RecordsSystemTimeAndAlias()
    {
        var join = Assert.IsType<JoinReference>(
            Select("SELECT * FROM Orders AS o JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.c = r.c").From);
        var rates = Assert.IsType<NamedTableReference>(join.Right);
        Assert.Equal("o.order_time", rates.SystemTimeAsOf!.ToString());
        Assert.Equal("r", rates.Alias!.Name.Value);
    }

    [Fact]
    public void ParseQuery_TableHints_AreRecorded()
    {
        var table = Assert.IsType<NamedTableReference>(Select("SELECT * FROM t /*+ OPTIONS('a'='1', 'b'='2') */ x").From);
        var hint = Assert.Single(table.Hints);
        Assert.Equal("OPTIONS", hint.Name.Value);
        Assert.Equal(2, hint.Options.Count);
        Assert.Equal("a", Assert.IsType<StringLiteral>(hint.Options[0].Key).Value);
        Assert.Equal("x", table.Alias!.Name.Value);
    }

    [Fact]
    public void ParseQuery_SessionWindow_TableArgumentCarriesPartitionKeys()
    {
        var function = Assert.IsType<TableFunctionReference>(
            Select("SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (item, shop), DESCRIPTOR(ts), INTERVAL '5' MINUTE))").From);
        Assert.Equal("SESSION", function.Call.Name.Last.Value);
        var table = Assert.IsType<TableArgument>(function.Call.Arguments[0]);
        Assert.Equal(2, table.PartitionBy.Count);
        Assert.Equal("ts", Assert.Single(Assert.IsType<DescriptorExpression>(function.Call.Arguments[1]).Columns).Value);
        Assert.False(function.IsLateral);
    }

    [Fact]
    public void ParseQuery_LateralTable_RecordsColumnAliases()
    {
        var join = Assert.IsType<JoinReference>(Select("SELECT * FROM t LEFT JOIN LATERAL TABLE(f(s)) AS w (a, b) ON TRUE").From);
        Assert.Equal(JoinKind.Left, join.Kind);
        var function = Assert.IsType<TableFunctionReference>(join.Right);
        Assert.True(function.IsLateral);
        Assert.Equal(["a", "b"], function.Alias!.Columns.Select(c => c.Value));
    }

    [Fact]
    public void ParseQuery_Unnest_WithOrdinality()
    {
        var join = Assert.IsType<JoinReference>(Select("SELECT * FROM t CROSS JOIN UNNEST(tags) WITH ORDINALITY AS u (tag, pos)").From);
        Assert.Equal(JoinKind.Cross, join.Kind);
        var unnest = Assert.IsType<UnnestReference>(join.Right);
        Assert.True(unnest.WithOrdinality);
        Assert.Equal(2, unnest.Alias!.Columns.Count);
    }

    [Fact]
    public void ParseQuery_GroupingSets_Elements()
    {
        var grouping = Assert.IsType<GroupingSetsExpression>(Assert.Single(Select("SELECT 1 FROM t GROUP BY GROUPING SETS ((a, b), a, ())").GroupBy));
        Assert.Equal(GroupingKind.GroupingSets, grouping.Kind);
        Assert.IsType<RowConstructor>(grouping.Elements[0]);
        Assert.IsType<IdentifierExpression>(grouping.Elements[1]);
        Assert.IsType<EmptyGroupingSet>(grouping.Elements[2]);
    }

    [Fact]
    public void ParseQuery_ImplicitAliasIsNotTakenFromReservedWords()
    {
        var select = Select("SELECT a FROM t WHERE b");
        Assert.Null(Assert.Single(select.Items).Alias);
        Assert.Null(Assert.IsType<NamedTableReference>(select.From).Alias);
    }
}
