using static Sluice.Sql.Tests.AstAssert;

namespace Sluice.Sql.Tests.Parsing;

public class ErrorTests
{
    [Theory]
    [InlineData("SELECT * FORM t",
        "line 1, column 10: unexpected 'FORM' — expected ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, ...")]
    [InlineData("SELECT a,\n  b\nFROM t\nWHERE a = = 1", "line 4, column 11: unexpected '=' — expected expression")]
    [InlineData("SELECT a FROM t WHERE", "line 1, column 22: unexpected end of input — expected expression")]
    [InlineData("SELECT (a + b FROM t", "line 1, column 15: unexpected 'FROM' — expected ',', ')' or an operator")]
    [InlineData("SELECT a b c FROM t",
        "line 1, column 12: unexpected 'c' — expected ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, ...")]
    [InlineData("CREATE TABLE t (\n  a INT,\n  b STRING,\n) WITH ('connector' = 'x')",
        "line 4, column 1: unexpected ')' — expected WATERMARK FOR, PRIMARY KEY, CONSTRAINT, identifier")]
    [InlineData("CREATE TABLE t (a INT",
        "line 1, column 22: unexpected end of input — expected NOT NULL, NULL, ARRAY, MULTISET, METADATA, PRIMARY KEY, CONSTRAINT, COMMENT, ',', ')'")]
    [InlineData("SELECT a AS from FROM t",
        "line 1, column 13: unexpected 'from' — expected identifier (FROM is a reserved word; quote it with backticks to use it as a name: `from`)")]
    [InlineData("SELECT * FROM a JOIN b WHERE x",
        "line 1, column 24: unexpected 'WHERE' — expected '(', FOR SYSTEM_TIME AS OF, AS, identifier, ON, USING")]
    [InlineData("SELEC 1",
        "line 1, column 1: unexpected 'SELEC' — expected a statement (SELECT, INSERT, CREATE, DROP, ALTER, SET, RESET, SHOW, DESCRIBE, EXPLAIN, USE, EXECUTE, BEGIN)")]
    [InlineData("INSERT t SELECT 1", "line 1, column 8: unexpected 't' — expected INTO, OVERWRITE")]
    [InlineData("SELECT * FROM t LIMIT x", "line 1, column 23: unexpected 'x' — expected ALL, integer")]
    [InlineData("SELECT CAST(a AS) FROM t", "line 1, column 17: unexpected ')' — expected data type")]
    [InlineData("SELECT COUNT(*) FILTER (a > 1) FROM t", "line 1, column 25: unexpected 'a' — expected WHERE")]
    [InlineData("SELECT INTERVAL '1' FORTNIGHT", "line 1, column 21: unexpected 'FORTNIGHT' — expected time unit (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)")]
    [InlineData("SELECT CASE WHEN a THEN b FROM t", "line 1, column 27: unexpected 'FROM' — expected WHEN, ELSE, END or an operator")]
    [InlineData("SELECT * FROM t WHERE a IN 1", "line 1, column 28: unexpected '1' — expected '('")]
    [InlineData("CREATE TABLE t (a INT) WITH ('k' 'v')", "line 1, column 34: unexpected string 'v' — expected '='")]
    [InlineData("SELECT a FROM t1 JOIN t2 USING a", "line 1, column 32: unexpected 'a' — expected '('")]
    [InlineData("SELECT 1;\nSELECT 2\nSELECT 3",
        "line 3, column 1: unexpected 'SELECT' — expected AS, identifier, ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, ... or an operator (is a ';' missing before this statement?)")]
    [InlineData("SELECT 1 FROM t WHERE a NOT b",
        "line 1, column 25: unexpected 'NOT' — expected GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, FETCH, ';', end of input or an operator")]
    [InlineData("SELECT * FROM t FOR SYSTEM_TIME a", "line 1, column 33: unexpected 'a' — expected AS")]
    [InlineData("CREATE TEMPORARY SYSTEM TABLE t", "line 1, column 25: unexpected 'TABLE' — expected FUNCTION")]
    [InlineData("SELECT 'a really long string literal that goes on and on' x y", "line 1, column 61: unexpected 'y' — expected ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, ...")]
    [InlineData("SELECT 1 + 'a really long string literal that goes on and on' 'x'", "line 1, column 63: unexpected string 'x' — expected AS, identifier, ',', FROM, WHERE, GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, ... or an operator")]
    [InlineData("SELECT 1 FROM t WHERE 1 = 'a really long string literal that goes on and on' )", "line 1, column 78: unexpected ')' — expected GROUP BY, HAVING, WINDOW, INTERSECT, UNION, EXCEPT, ORDER BY, LIMIT, OFFSET, FETCH, ';', end of input or an operator")]
    public void Parse_SyntaxError_ExactPositionAndExpectation(string sql, string message)
    {
        var error = Fails(sql, message);
        Assert.Equal(SqlErrorCode.SyntaxError, error.Code);
        PositionIsValid(error, sql);
    }

    [Theory]
    [InlineData("SELECT * FROM t MATCH_RECOGNIZE (ORDER BY ts ALL ROWS PER MATCH PATTERN (A) DEFINE A AS TRUE)",
        "line 1, column 46: ALL ROWS PER MATCH is not supported (as in Flink, MATCH_RECOGNIZE supports only ONE ROW PER MATCH)")]
    [InlineData("UPDATE t SET a = 1", "line 1, column 1: the UPDATE statement is not supported yet")]
    [InlineData("DELETE FROM t", "line 1, column 1: the DELETE statement is not supported yet")]
    [InlineData("SELECT a::INT FROM t", "line 1, column 9: '::' casts are not part of Flink SQL; write CAST(value AS type)")]
    [InlineData("SELECT a FROM t WHERE a = ANY (SELECT 1)", "line 1, column 27: the quantified comparison ANY (...) is not supported yet")]
    [InlineData("SELECT ARRAY(SELECT 1)", "line 1, column 8: the ARRAY(subquery) constructor is not supported yet")]
    [InlineData("ALTER TABLE t COMPACT", "line 1, column 15: ALTER TABLE ... COMPACT is not supported yet")]
    [InlineData("ALTER VIEW v RENAME TO w", "line 1, column 7: ALTER VIEW is not supported yet")]
    [InlineData("SHOW JOBS", "line 1, column 6: SHOW JOBS is not supported yet")]
    [InlineData("CREATE MATERIALIZED TABLE t AS SELECT 1", "line 1, column 8: CREATE MATERIALIZED is not supported yet")]
    [InlineData("SELECT LISTAGG(x) WITHIN GROUP (ORDER BY x) FROM t", "line 1, column 19: WITHIN GROUP is not supported yet")]
    [InlineData("SELECT * FROM a LEFT ANTI JOIN b ON TRUE", "line 1, column 22: ANTI JOIN is not supported yet")]
    [InlineData("SELECT * FROM t TABLESAMPLE BERNOULLI(10)", "line 1, column 17: TABLESAMPLE is not supported yet")]
    [InlineData("SELECT JSON_ARRAYAGG(v ORDER BY v) FROM t", "line 1, column 24: ORDER BY inside JSON_ARRAYAGG(...) is not supported yet")]
    [InlineData("USE MODULES core, hive", "line 1, column 5: USE MODULES is not supported yet")]
    [InlineData("SELECT s RLIKE 'x' FROM t", "line 1, column 10: the RLIKE operator is not supported yet")]
    [InlineData("SELECT \"col\" FROM t", "line 1, column 8: double-quoted identifiers are not supported in Flink SQL; quote identifiers with backticks, e.g. `name`")]
    public void Parse_UnsupportedConstruct_NamesIt(string sql, string message)
    {
        var error = Fails(sql, message);
        Assert.Equal(SqlErrorCode.NotSupported, error.Code);
        PositionIsValid(error, sql);
    }

    [Theory]
    [InlineData("SELECT 'abc FROM t", "line 1, column 8: unterminated string literal: the quote opened here is never closed")]
    [InlineData("SELECT 1;\nSELECT 2\n  /* unterminated", "line 3, column 3: unterminated comment: '/*' has no closing '*/'")]
    [InlineData("SELECT `a\n", "line 1, column 8: unterminated quoted identifier: the backtick opened here is never closed")]
    [InlineData("SELECT * FROM t /*+ OPTIONS('a' = 'b')", "line 1, column 17: unterminated hint: '/*+' has no closing '*/'")]
    public void Parse_Unterminated_PointsAtTheStart(string sql, string message)
    {
        var error = Fails(sql, message);
        Assert.Equal(SqlErrorCode.LexicalError, error.Code);
        PositionIsValid(error, sql);
    }

    [Theory]
    [InlineData("CREATE TABLE t (a INT, PRIMARY KEY (a) NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)", "line 1, column 54: a table can have only one primary key")]
    [InlineData("CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a) NOT ENFORCED)", "line 1, column 49: a table can have only one primary key")]
    [InlineData("SELECT a FROM t LIMIT 1 FETCH FIRST 2 ROWS ONLY", "line 1, column 25: LIMIT and FETCH cannot both be used in the same query")]
    [InlineData("SELECT MAP['a'] FROM t", "line 1, column 8: MAP[...] takes keys and values in pairs: MAP[key1, value1, key2, value2, ...]")]
    [InlineData("EXPLAIN SHOW TABLES", "line 1, column 9: EXPLAIN applies to a query, an INSERT statement or a statement set")]
    [InlineData("SET table.exec.mini-batch.enabled = true", "line 1, column 5: unexpected 'table' — SET takes a quoted key and value, e.g. SET 'table.exec.mini-batch.enabled' = 'true'")]
    [InlineData("SELECT INTERVAL '1' MONTH TO DAY", "line 1, column 30: invalid interval qualifier MONTH TO DAY")]
    [InlineData("EXECUTE STATEMENT SET BEGIN END", "line 1, column 29: a statement set must contain at least one INSERT statement")]
    [InlineData("EXPLAIN CHANGELOG_MODE, CHANGELOG_MODE SELECT 1", "line 1, column 25: the EXPLAIN detail CHANGELOG_MODE is given twice")]
    [InlineData("SELECT JSON_VALUE(j, '$' NULL ON EMPTY NULL ON EMPTY)", "line 1, column 48: ON EMPTY is given twice")]
    [InlineData("VALUE (1), (2)", "line 1, column 1: VALUE is not a synonym of VALUES in Flink SQL; write VALUES")]
    [InlineData("SELECT * FROM (VALUE (1)) AS t (x)", "line 1, column 16: VALUE is not a synonym of VALUES in Flink SQL; write VALUES")]
    [InlineData("INSERT INTO t VALUE (1)", "line 1, column 15: VALUE is not a synonym of VALUES in Flink SQL; write VALUES")]
    [InlineData("CREATE TABLE t (a INT) PARTITIONED BY (a) DISTRIBUTED BY (a) WITH ('k' = 'v')", "line 1, column 43: DISTRIBUTED BY must come before PARTITIONED BY")]
    [InlineData("CREATE TABLE t (a INT) DISTRIBUTED INTO 2 BUCKETS DISTRIBUTED BY (a)", "line 1, column 51: a table can have only one DISTRIBUTED BY clause")]
    [InlineData("CREATE TABLE t (a INT) DISTRIBUTED BY HASH a", "line 1, column 44: unexpected 'a' — expected '('")]
    [InlineData("CREATE TABLE t (a INT) DISTRIBUTED BY (a) INTO 4", "line 1, column 49: unexpected end of input — expected BUCKETS")]
    [InlineData("CREATE TABLE t (a INT) DISTRIBUTED INTO -1 BUCKETS", "line 1, column 41: unexpected '-' — expected integer")]
    public void Parse_InvalidConstruct_ExplainsWhy(string sql, string message)
    {
        var error = Fails(sql, message);
        PositionIsValid(error, sql);
    }

    [Fact]
    public void Parse_Error_IsAUserErrorWithSpan()
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseStatement("SELECT 1 +"));
        Assert.Equal(Sluice.Core.Errors.ErrorDomain.User, error.Domain);
        Assert.Equal("unexpected end of input — expected expression", error.Reason);
        Assert.Equal(10, error.Span.Start);
        Assert.Equal(10, error.Span.End);
    }

    [Fact]
    public void ParseStatement_TwoStatements_Fails()
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseStatement("SELECT 1; SELECT 2"));
        Assert.Equal("line 1, column 11: unexpected 'SELECT' — expected end of input", error.Message);
    }

    [Fact]
    public void ParseExpression_TrailingTokens_Fails()
    {
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseExpression("a + b c"));
        Assert.Equal("line 1, column 7: unexpected 'c' — expected end of input or an operator", error.Message);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("- ", "")]
    [InlineData("NOT ", "")]
    [InlineData("ARRAY[", "]")]
    [InlineData("f(", ")")]
    [InlineData("CASE WHEN TRUE THEN ", " END")]
    [InlineData("CAST(", " AS INT)")]
    [InlineData("(SELECT ", ")")]
    public void ParseExpression_TooDeep_PositionedErrorNotStackOverflow(string open, string close)
    {
        var depth = 20_000;
        var sql = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseExpression(sql));
        Assert.Equal(SqlErrorCode.NestingTooDeep, error.Code);
        Assert.Contains("nested too deeply", error.Message, StringComparison.Ordinal);
        PositionIsValid(error, sql);
    }

    [Fact]
    public void ParseExpression_LongOperatorChain_BoundedByTheNestingLimit()
    {
        var shallow = string.Join(" + ", Enumerable.Repeat("1", 200));
        Assert.Equal(shallow, SqlParser.ParseExpression(shallow).ToString());

        var deep = string.Join(" OR ", Enumerable.Repeat("a", 100_000));
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseExpression(deep));
        Assert.Equal(SqlErrorCode.NestingTooDeep, error.Code);
    }

    [Theory]
    [InlineData("SELECT * FROM ", "(SELECT * FROM ", "t", ")")]
    [InlineData("SELECT * FROM ", "(", "t", ")")]
    [InlineData("SELECT * FROM t", " JOIN t ON TRUE", "", "")]
    [InlineData("", "(", "SELECT 1", ")")]
    [InlineData("SELECT 1", " UNION SELECT 1", "", "")]
    [InlineData("SELECT CAST(1 AS ", "ARRAY<", "INT", ">")]
    [InlineData("SELECT CAST(1 AS INT", " ARRAY", "", ")")]
    [InlineData("SELECT 1 FROM t GROUP BY ", "ROLLUP(", "a", ")")]
    public void ParseScript_DeepQueriesAndTypes_PositionedError(string prefix, string open, string middle, string close)
    {
        var sql = prefix + string.Concat(Enumerable.Repeat(open, 5000)) + middle + string.Concat(Enumerable.Repeat(close, 5000));
        var error = Assert.Throws<SqlException>(() => SqlParser.ParseScript(sql));
        Assert.Equal(SqlErrorCode.NestingTooDeep, error.Code);
        PositionIsValid(error, sql);
    }

    [Fact]
    public void ParseExpression_NestingJustBelowTheLimit_Parses()
    {
        var depth = SqlParser.MaxNestingDepth / 3;
        var sql = new string('(', depth) + "1" + new string(')', depth);
        Assert.Equal("1", SqlParser.ParseExpression(sql).ToString());
    }

    [Theory]
    [InlineData("- ", "")]
    [InlineData("NOT ", "")]
    [InlineData("1 + ", "")]
    [InlineData("a[", "]")]
    [InlineData("CASE WHEN TRUE THEN ", " END")]
    [InlineData("ARRAY[", "]")]
    public void DeepestAcceptedTree_ParsesFormatsAndComparesOnASmallStack(string open, string close)
    {
        // Find the deepest nesting the parser accepts, then use the resulting tree on a 1 MiB stack.
        var depth = SqlParser.MaxNestingDepth;
        string sql;
        while (true)
        {
            sql = string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth));
            try
            {
                SqlParser.ParseExpression(sql);
                break;
            }
            catch (SqlException e) when (e.Code == SqlErrorCode.NestingTooDeep)
            {
                depth--;
            }
        }

        Assert.True(depth >= 100, $"only {depth} levels of '{open}' are accepted");
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    var tree = SqlParser.ParseExpression(sql);
                    var again = SqlParser.ParseExpression(sql);
                    Assert.Equal(tree, again);
                    Assert.Equal(tree.GetHashCode(), again.GetHashCode());
                    Assert.Equal(tree.ToString(), SqlParser.ParseExpression(tree.ToString()).ToString());
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
