using Sluice.Sql.Ast;
using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Parsing;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("a + b * c", "a + b * c")]
    [InlineData("(a + b) * c", "(a + b) * c")]
    [InlineData("a - (b - c)", "a - (b - c)")]
    [InlineData("(a - b) - c", "a - b - c")]
    [InlineData("a / b % c", "a / b % c")]
    [InlineData("a OR b AND c", "a OR b AND c")]
    [InlineData("(a OR b) AND c", "(a OR b) AND c")]
    [InlineData("a OR (b OR c)", "a OR (b OR c)")]
    [InlineData("NOT a = b", "NOT a = b")]
    [InlineData("(NOT a) = b", "(NOT a) = b")]
    [InlineData("NOT NOT a", "NOT NOT a")]
    [InlineData("a != b", "a <> b")]
    [InlineData("-a", "-a")]
    [InlineData("- -a", "- -a")]
    [InlineData("-(-a)", "- -a")]
    [InlineData("a - -1", "a - -1")]
    [InlineData("-(a + b)", "-(a + b)")]
    [InlineData("+a", "+a")]
    [InlineData("a IS NOT NULL AND b IS TRUE", "a IS NOT NULL AND b IS TRUE")]
    [InlineData("a is not false or b is unknown", "a IS NOT FALSE OR b IS UNKNOWN")]
    [InlineData("a IS DISTINCT FROM b", "a IS DISTINCT FROM b")]
    [InlineData("a IS NOT DISTINCT FROM b + 1", "a IS NOT DISTINCT FROM b + 1")]
    [InlineData("s is json or s is json value", "s IS JSON OR s IS JSON")]
    [InlineData("s IS NOT JSON OBJECT AND s IS JSON ARRAY OR s IS JSON SCALAR", "s IS NOT JSON OBJECT AND s IS JSON ARRAY OR s IS JSON SCALAR")]
    [InlineData("x BETWEEN SYMMETRIC 1 AND 2", "x BETWEEN SYMMETRIC 1 AND 2")]
    [InlineData("x NOT BETWEEN a + 1 AND b * 2 AND c", "x NOT BETWEEN a + 1 AND b * 2 AND c")]
    [InlineData("s NOT SIMILAR TO 'a' ESCAPE '!'", "s NOT SIMILAR TO 'a' ESCAPE '!'")]
    [InlineData("s LIKE 'a%' || b", "s LIKE 'a%' || b")]
    [InlineData("x NOT IN (1, 2)", "x NOT IN (1, 2)")]
    [InlineData("x IN (SELECT y FROM t)", "x IN (SELECT y FROM t)")]
    [InlineData("(a, b) IN ((1, 2), (3, 4))", "(a, b) IN ((1, 2), (3, 4))")]
    [InlineData("EXISTS (SELECT 1)", "EXISTS (SELECT 1)")]
    [InlineData("NOT EXISTS (SELECT 1)", "NOT EXISTS (SELECT 1)")]
    [InlineData("(SELECT MAX(x) FROM t) + 1", "(SELECT MAX(x) FROM t) + 1")]
    [InlineData("'a' || 'b' || c", "'a' || 'b' || c")]
    [InlineData("'it''s'", "'it''s'")]
    [InlineData("x'0aFF'", "X'0aFF'")]
    [InlineData("1.50", "1.50")]
    [InlineData("1E3", "1E3")]
    [InlineData("true AND false OR null", "TRUE AND FALSE OR NULL")]
    [InlineData("`select` + `a``b`", "`select` + `a``b`")]
    [InlineData("t.`user`.name", "t.`user`.name")]
    [InlineData("cat.db.t.col", "cat.db.t.col")]
    public void ParseExpression_Operators_Canonical(string sql, string expected) =>
        Assert.Equal(expected, CanonicalExpression(sql));

    [Theory]
    [InlineData("DATE '2024-01-01'", "DATE '2024-01-01'")]
    [InlineData("time '10:00:00'", "TIME '10:00:00'")]
    [InlineData("TIMESTAMP '2024-01-01 00:00:00'", "TIMESTAMP '2024-01-01 00:00:00'")]
    [InlineData("TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00'", "TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00'")]
    [InlineData("TIMESTAMP_LTZ '2024-01-01 00:00:00'", "TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00'")]
    [InlineData("INTERVAL '1' DAY", "INTERVAL '1' DAY")]
    [InlineData("INTERVAL '10' MINUTES", "INTERVAL '10' MINUTE")]
    [InlineData("INTERVAL '10' SECOND(3)", "INTERVAL '10' SECOND(3)")]
    [InlineData("INTERVAL '10.5' SECOND(2, 3)", "INTERVAL '10.5' SECOND(2, 3)")]
    [InlineData("INTERVAL '1 02:03' DAY(2) TO MINUTE", "INTERVAL '1 02:03' DAY(2) TO MINUTE")]
    [InlineData("INTERVAL '1 02:03:04.5' DAY TO SECOND(3)", "INTERVAL '1 02:03:04.5' DAY TO SECOND(3)")]
    [InlineData("INTERVAL '2-6' YEAR TO MONTH", "INTERVAL '2-6' YEAR TO MONTH")]
    [InlineData("INTERVAL -'5' MINUTE", "INTERVAL -'5' MINUTE")]
    [InlineData("INTERVAL +'5' MINUTE", "INTERVAL '5' MINUTE")]
    [InlineData("INTERVAL 5 MINUTE", "INTERVAL '5' MINUTE")]
    [InlineData("-INTERVAL '5' MINUTE", "-INTERVAL '5' MINUTE")]
    [InlineData("ts - INTERVAL '5' SECOND", "ts - INTERVAL '5' SECOND")]
    public void ParseExpression_TypedAndIntervalLiterals_Canonical(string sql, string expected) =>
        Assert.Equal(expected, CanonicalExpression(sql));

    [Theory]
    [InlineData("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END", "CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' ELSE 'c' END")]
    [InlineData("case when a > 0 then 1 end", "CASE WHEN a > 0 THEN 1 END")]
    [InlineData("CAST(x AS DECIMAL(10, 2))", "CAST(x AS DECIMAL(10, 2))")]
    [InlineData("TRY_CAST(x AS INTEGER NOT NULL)", "TRY_CAST(x AS INT NOT NULL)")]
    [InlineData("count(*)", "count(*)")]
    [InlineData("COUNT(DISTINCT x)", "COUNT(DISTINCT x)")]
    [InlineData("SUM(x) FILTER (WHERE x > 0)", "SUM(x) FILTER (WHERE x > 0)")]
    [InlineData("cat.db.fn(x, 1)", "cat.db.fn(x, 1)")]
    [InlineData("f()", "f()")]
    [InlineData("EXTRACT(dow FROM ts)", "EXTRACT(DOW FROM ts)")]
    [InlineData("TRIM(x)", "TRIM(x)")]
    [InlineData("TRIM(LEADING FROM x)", "TRIM(LEADING FROM x)")]
    [InlineData("TRIM(BOTH 'x' FROM y)", "TRIM(BOTH 'x' FROM y)")]
    [InlineData("TRIM('x' FROM y)", "TRIM('x' FROM y)")]
    [InlineData("POSITION('a' IN s)", "POSITION('a' IN s)")]
    [InlineData("POSITION('a' IN s FROM 2)", "POSITION('a' IN s FROM 2)")]
    [InlineData("SUBSTRING(s FROM 2)", "SUBSTRING(s, 2)")]
    [InlineData("SUBSTRING(s FROM 2 FOR 3)", "SUBSTRING(s, 2, 3)")]
    [InlineData("OVERLAY(s PLACING 'x' FROM 1 FOR 2)", "OVERLAY(s PLACING 'x' FROM 1 FOR 2)")]
    [InlineData("FLOOR(ts TO HOUR)", "FLOOR(ts TO HOUR)")]
    [InlineData("CEILING(ts TO DAY)", "CEIL(ts TO DAY)")]
    [InlineData("FLOOR(x)", "FLOOR(x)")]
    [InlineData("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP")]
    [InlineData("localtimestamp", "localtimestamp")]
    [InlineData("CURRENT_ROW_TIMESTAMP()", "CURRENT_ROW_TIMESTAMP()")]
    [InlineData("TIMESTAMPADD(DAY, 1, ts)", "TIMESTAMPADD(DAY, 1, ts)")]
    [InlineData("TIMESTAMPDIFF(HOUR, a, b)", "TIMESTAMPDIFF(HOUR, a, b)")]
    [InlineData("LEFT(s, 3)", "LEFT(s, 3)")]
    [InlineData("ARRAY[1, 2]", "ARRAY[1, 2]")]
    [InlineData("ARRAY[]", "ARRAY[]")]
    [InlineData("MAP['a', 1, 'b', 2]", "MAP['a', 1, 'b', 2]")]
    [InlineData("ROW(1, 'x')", "ROW(1, 'x')")]
    [InlineData("ROW(1)", "ROW(1)")]
    [InlineData("(1, 'x')", "(1, 'x')")]
    [InlineData("a[1].b", "a[1].b")]
    [InlineData("m['k']['j']", "m['k']['j']")]
    [InlineData("f(x).y", "f(x).y")]
    [InlineData("(a).b", "(a).b")]
    [InlineData("(a + b)[1]", "(a + b)[1]")]
    [InlineData("`map`['k']", "`map`['k']")]
    [InlineData("JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR)", "JSON_VALUE(j, '$.a' RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR)")]
    [InlineData("JSON_VALUE(j, '$.a' ERROR ON ERROR DEFAULT 'x' ON EMPTY)", "JSON_VALUE(j, '$.a' DEFAULT 'x' ON EMPTY ERROR ON ERROR)")]
    [InlineData("JSON_QUERY(j, '$.a' WITH WRAPPER)", "JSON_QUERY(j, '$.a' WITH UNCONDITIONAL ARRAY WRAPPER)")]
    [InlineData("JSON_QUERY(j, '$.a' WITHOUT WRAPPER EMPTY OBJECT ON ERROR)", "JSON_QUERY(j, '$.a' WITHOUT ARRAY WRAPPER EMPTY OBJECT ON ERROR)")]
    [InlineData("JSON_EXISTS(j, '$.a' UNKNOWN ON ERROR)", "JSON_EXISTS(j, '$.a' UNKNOWN ON ERROR)")]
    [InlineData("JSON_OBJECT('a' VALUE 1, KEY 'b' VALUE x ABSENT ON NULL)", "JSON_OBJECT(KEY 'a' VALUE 1, KEY 'b' VALUE x ABSENT ON NULL)")]
    [InlineData("JSON_OBJECT(NULL ON NULL)", "JSON_OBJECT(NULL ON NULL)")]
    [InlineData("JSON_ARRAY(1, NULL, 'x' NULL ON NULL)", "JSON_ARRAY(1, NULL, 'x' NULL ON NULL)")]
    public void ParseExpression_CallsAndConstructors_Canonical(string sql, string expected) =>
        Assert.Equal(expected, CanonicalExpression(sql));

    [Theory]
    [InlineData("ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST)", "ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC NULLS LAST)")]
    [InlineData("SUM(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)", "SUM(x) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)")]
    [InlineData("SUM(x) OVER (ORDER BY ts ROWS 5 PRECEDING)", "SUM(x) OVER (ORDER BY ts ROWS 5 PRECEDING)")]
    [InlineData("SUM(x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)", "SUM(x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)")]
    [InlineData("COUNT(*) OVER w", "COUNT(*) OVER w")]
    [InlineData("COUNT(*) OVER (w)", "COUNT(*) OVER w")]
    [InlineData("SUM(x) OVER (w ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)", "SUM(x) OVER (w ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)")]
    public void ParseExpression_OverClauses_Canonical(string sql, string expected) =>
        Assert.Equal(expected, CanonicalExpression(sql));

    [Fact]
    public void ParseExpression_MultiplicationBindsTighterThanAddition()
    {
        var add = Expression<BinaryExpression>("1 + 2 * 3");
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Multiply, Assert.IsType<BinaryExpression>(add.Right).Operator);
    }

    [Fact]
    public void ParseExpression_ConcatBindsLikeMultiplication_AsInFlink()
    {
        var add = Expression<BinaryExpression>("'a' || 1 + 2");
        Assert.Equal(BinaryOperator.Add, add.Operator);
        Assert.Equal(BinaryOperator.Concat, Assert.IsType<BinaryExpression>(add.Left).Operator);
    }

    [Fact]
    public void ParseExpression_IsNullBindsLooserThanComparison()
    {
        var test = Expression<IsExpression>("a = b IS NULL");
        Assert.Equal(IsTest.Null, test.Test);
        Assert.Equal(BinaryOperator.Equal, Assert.IsType<BinaryExpression>(test.Operand).Operator);
    }

    [Fact]
    public void ParseExpression_NotBindsLooserThanComparisonButTighterThanAnd()
    {
        var or = Expression<BinaryExpression>("a AND NOT b = c OR d");
        Assert.Equal(BinaryOperator.Or, or.Operator);
        var and = Assert.IsType<BinaryExpression>(or.Left);
        Assert.Equal(BinaryOperator.And, and.Operator);
        var not = Assert.IsType<UnaryExpression>(and.Right);
        Assert.Equal(UnaryOperator.Not, not.Operator);
        Assert.Equal(BinaryOperator.Equal, Assert.IsType<BinaryExpression>(not.Operand).Operator);
    }

    [Fact]
    public void ParseExpression_BetweenBoundsStopAtAnd()
    {
        var and = Expression<BinaryExpression>("x BETWEEN 1 AND 2 AND y");
        var between = Assert.IsType<BetweenExpression>(and.Left);
        Assert.Equal("1", Assert.IsType<NumericLiteral>(between.Low).Text);
        Assert.Equal("2", Assert.IsType<NumericLiteral>(between.High).Text);
    }

    [Fact]
    public void ParseExpression_CompoundName_IsOneIdentifierExpression()
    {
        var name = Expression<IdentifierExpression>("cat.db.`my table`.col").Name;
        Assert.Equal(["cat", "db", "my table", "col"], name.Parts.Select(p => p.Value));
        Assert.Equal("col", name.Last.Value);
    }

    [Fact]
    public void ParseExpression_QualifiedStar()
    {
        var star = Expression<StarExpression>("t.*");
        Assert.Equal("t", star.Qualifier!.Last.Value);
    }

    [Fact]
    public void ParseExpression_FunctionCall_RecordsQuantifierFilterAndOver()
    {
        var call = Expression<FunctionCall>("COUNT(DISTINCT user_id) FILTER (WHERE amount > 10) OVER (PARTITION BY a ORDER BY ts)");
        Assert.Equal("COUNT", call.Name.Last.Value);
        Assert.Equal(SetQuantifier.Distinct, call.Quantifier);
        Assert.IsType<BinaryExpression>(call.Filter);
        Assert.Single(call.Over!.PartitionBy);
        Assert.Single(call.Over.OrderBy);
        Assert.True(call.HasParentheses);
    }

    [Fact]
    public void ParseExpression_CountStar_HasStarArgument()
    {
        var call = Expression<FunctionCall>("COUNT(*)");
        Assert.IsType<StarExpression>(Assert.Single(call.Arguments));
    }

    [Fact]
    public void ParseExpression_NiladicFunction_HasNoParentheses()
    {
        var call = Expression<FunctionCall>("CURRENT_TIMESTAMP");
        Assert.False(call.HasParentheses);
        Assert.Empty(call.Arguments);
    }

    [Fact]
    public void ParseExpression_TimestampAdd_FirstArgumentIsTimeUnit()
    {
        var call = Expression<FunctionCall>("TIMESTAMPADD(MINUTE, 5, ts)");
        Assert.Equal(TimeUnit.Minute, Assert.IsType<TimeUnitExpression>(call.Arguments[0]).Unit);
    }

    [Fact]
    public void ParseExpression_Interval_RecordsQualifier()
    {
        var interval = Expression<IntervalLiteral>("INTERVAL '1 02:03:04.567' DAY(3) TO SECOND(3)");
        Assert.Equal("1 02:03:04.567", interval.Value);
        Assert.Equal(TimeUnit.Day, interval.Qualifier.Start);
        Assert.Equal(3, interval.Qualifier.StartPrecision);
        Assert.Equal(TimeUnit.Second, interval.Qualifier.End);
        Assert.Equal(3, interval.Qualifier.FractionalPrecision);
        Assert.False(interval.IsNegative);
    }

    [Fact]
    public void ParseExpression_SimpleCase_HasOperand()
    {
        var expression = Expression<CaseExpression>("CASE x WHEN 1 THEN 'a' ELSE 'b' END");
        Assert.NotNull(expression.Operand);
        Assert.Single(expression.WhenClauses);
        Assert.IsType<StringLiteral>(expression.Else);
    }

    [Fact]
    public void ParseExpression_Cast_HasTargetType()
    {
        var cast = Expression<CastExpression>("CAST(x AS VARCHAR(10))");
        var type = Assert.IsType<PrimitiveDataType>(cast.TargetType);
        Assert.Equal(PrimitiveTypeName.VarChar, type.Name);
        Assert.Equal(10, type.Length);
        Assert.False(cast.IsTry);
    }

    [Fact]
    public void ParseExpression_Trim_RecordsSideAndCharacters()
    {
        var trim = Expression<TrimExpression>("TRIM(TRAILING '0' FROM s)");
        Assert.Equal(TrimSide.Trailing, trim.Side);
        Assert.Equal("0", Assert.IsType<StringLiteral>(trim.Characters).Value);
    }

    [Fact]
    public void ParseExpression_JsonValue_RecordsBehaviors()
    {
        var json = Expression<JsonValueExpression>("JSON_VALUE(j, '$.a' RETURNING DOUBLE DEFAULT 1.0 ON EMPTY ERROR ON ERROR)");
        Assert.IsType<PrimitiveDataType>(json.Returning);
        Assert.Equal(JsonBehaviorKind.Default, json.OnEmpty!.Kind);
        Assert.IsType<NumericLiteral>(json.OnEmpty.Default);
        Assert.Equal(JsonBehaviorKind.Error, json.OnError!.Kind);
    }

    [Fact]
    public void ParseExpression_ItemAndFieldAccess_Nest()
    {
        var field = Expression<FieldAccess>("a['k'][1].f");
        Assert.Equal("f", field.Field.Value);
        var outer = Assert.IsType<ItemAccess>(field.Target);
        var inner = Assert.IsType<ItemAccess>(outer.Target);
        Assert.IsType<IdentifierExpression>(inner.Target);
    }

    [Fact]
    public void ParseExpression_Spans_CoverTheSourceText()
    {
        const string sql = "  a +  f(b, c)  ";
        var add = Expression<BinaryExpression>(sql);
        Assert.Equal("a +  f(b, c)", add.Span.TextOf(sql));
        Assert.Equal("f(b, c)", add.Right.Span.TextOf(sql));
        Assert.Equal(1, add.Span.Line);
        Assert.Equal(3, add.Span.Column);
    }

    [Fact]
    public void ParseExpression_ParsingTwice_GivesEqualTrees()
    {
        const string sql = "CASE WHEN a IN (1, 2) THEN ARRAY[b, c] ELSE f(DISTINCT d) OVER (PARTITION BY e) END";
        var first = SqlParser.ParseExpression(sql);
        var second = SqlParser.ParseExpression(sql);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }
}
