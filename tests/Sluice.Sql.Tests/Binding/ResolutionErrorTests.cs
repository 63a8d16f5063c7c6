using static Sluice.Sql.Tests.Binding.BindingAssert;

namespace Sluice.Sql.Tests.Binding;

/// <summary>Names that do not resolve, with exact positions, messages and suggestions.</summary>
public class ResolutionErrorTests
{
    [Theory]
    [InlineData("SELECT * FROM ShipEvnt", "line 1, column 15: Table 'ShipEvnt' not found; did you mean 'ShipEvent'?")]
    [InlineData("SELECT * FROM shipevent", "line 1, column 15: Table 'shipevent' not found; did you mean 'ShipEvent'?")]
    [InlineData("SELECT * FROM Nope", "line 1, column 15: Table 'Nope' not found")]
    [InlineData("SELECT * FROM Ship", "line 1, column 15: Table 'Ship' not found")]
    [InlineData("SELECT * FROM other_db.ShipEvent", "line 1, column 15: Table 'other_db.ShipEvent' not found")]
    [InlineData("SELECT * FROM a.b.c.d", "line 1, column 15: 'a.b.c.d' has 4 parts; an object name has at most three (catalog.database.name)")]
    [InlineData("SELECT cty FROM ShipEvent", "line 1, column 8: Column 'cty' not found in any table; did you mean 'city'?")]
    [InlineData("SELECT City FROM ShipEvent", "line 1, column 8: Column 'City' not found in any table; did you mean 'city'?")]
    [InlineData("SELECT zzz FROM ShipEvent", "line 1, column 8: Column 'zzz' not found in any table")]
    [InlineData("SELECT x", "line 1, column 8: Column 'x' not found: there is no FROM clause")]
    [InlineData("SELECT e.cty FROM ShipEvent AS e", "line 1, column 10: Column 'cty' not found in table 'e'; did you mean 'city'?")]
    [InlineData("SELECT x.city FROM ShipEvent AS e", "line 1, column 8: Table 'x' not found")]
    [InlineData("SELECT ShipEvent.city FROM ShipEvent AS e", "line 1, column 8: Table 'ShipEvent' not found")]
    [InlineData("SELECT shp.city FROM ShipEvent AS ship, ShipRoute AS shop", "line 1, column 8: Table 'shp' not found; did you mean 'ship' or 'shop'?")]
    [InlineData("SELECT trackingNumber FROM ShipEvent AS e JOIN ShipRoute AS r ON e.trackingNumber = r.trackingNumber",
        "line 1, column 8: Column 'trackingNumber' is ambiguous: e.trackingNumber, r.trackingNumber")]
    [InlineData("SELECT * FROM ShipEvent AS e JOIN ShipRoute AS r ON trackingNumber = 1",
        "line 1, column 53: Column 'trackingNumber' is ambiguous: e.trackingNumber, r.trackingNumber")]
    [InlineData("SELECT 1 FROM T AS a, T AS a", "line 1, column 23: Duplicate table name 'a' in FROM; give one of them another alias")]
    [InlineData("SELECT q.* FROM T", "line 1, column 8: Table 'q' not found")]
    [InlineData("SELECT r.c FROM T", "line 1, column 10: 'r' of type ROW<`a` INT, `b` STRING> has no field 'c'")]
    [InlineData("SELECT i.x FROM T", "line 1, column 10: 'i' is of type INT, not a ROW; it has no field 'x'")]
    [InlineData("SELECT *", "line 1, column 8: SELECT * needs a FROM clause")]
    public void UnresolvedName_IsReportedAtTheName(string sql, string message) => BindFails(sql, message);

    [Theory]
    [InlineData("SELECT UPPR(s) FROM T", "line 1, column 8: Function 'UPPR' not found; did you mean 'UPPER'?")]
    [InlineData("SELECT FROBNICATE(s) FROM T", "line 1, column 8: Function 'FROBNICATE' not found")]
    [InlineData("SELECT UPPER(i) FROM T", "line 1, column 8: Cannot apply 'UPPER' to arguments (INT); supported: UPPER(<CHARACTER>)")]
    [InlineData("SELECT SUBSTRING(s, 'a') FROM T",
        "line 1, column 8: Cannot apply 'SUBSTRING' to arguments (STRING, CHAR(1) NOT NULL); supported: SUBSTRING(<CHARACTER>, <INTEGER>[, <INTEGER>])")]
    [InlineData("SELECT s + 1 FROM T",
        "line 1, column 8: Cannot apply '+' to arguments (STRING, INT NOT NULL); supported: <NUMERIC> + <NUMERIC> or <DATETIME> + <INTERVAL> or <INTERVAL> + <DATETIME> or <INTERVAL> + <INTERVAL>")]
    [InlineData("SELECT i = s FROM T", "line 1, column 8: Cannot apply '=' to arguments of type INT and STRING")]
    [InlineData("SELECT arr < arr FROM T", "line 1, column 8: Cannot apply '<' to arguments of type ARRAY<INT> and ARRAY<INT>: the values have no order")]
    [InlineData("SELECT * FROM T WHERE i", "line 1, column 23: The WHERE condition must be a BOOLEAN, not INT")]
    [InlineData("SELECT CAST(b AS DATE) FROM T", "line 1, column 8: Cannot cast BOOLEAN to DATE")]
    [InlineData("SELECT CAST(bi AS TIMESTAMP(3)) FROM T", "line 1, column 8: Cannot cast BIGINT to TIMESTAMP(3); use TO_TIMESTAMP_LTZ(number, precision)")]
    [InlineData("SELECT CASE WHEN b THEN 1 ELSE 'x' END FROM T", "line 1, column 8: The results of CASE have no common type: INT NOT NULL, CHAR(1) NOT NULL")]
    [InlineData("SELECT CASE WHEN i THEN 1 END FROM T", "line 1, column 18: A CASE WHEN condition must be a BOOLEAN, not INT")]
    [InlineData("SELECT ROW_NUMBER() FROM T", "line 1, column 8: ROW_NUMBER needs an OVER clause")]
    [InlineData("SELECT UPPER(s) OVER (ORDER BY ts) FROM T", "line 1, column 8: OVER can only follow an aggregate or ranking function, not UPPER")]
    [InlineData("SELECT UPPER(DISTINCT s) FROM T", "line 1, column 8: DISTINCT is only allowed in aggregate functions, not UPPER")]
    [InlineData("SELECT * FROM T WHERE COUNT(*) OVER (ORDER BY ts) > 1", "line 1, column 23: OVER windows are not allowed in WHERE")]
    [InlineData("SELECT TUMBLE(ts, INTERVAL '1' MINUTE) FROM T",
        "line 1, column 8: 'TUMBLE' is a table function: call it in FROM, as TABLE(TUMBLE(...))")]
    [InlineData("SELECT EXTRACT(HOUR FROM dt) FROM T", "line 1, column 8: Cannot extract HOUR from a value of type DATE")]
    [InlineData("SELECT COALESCE(NULL, NULL) FROM T", "line 1, column 8: Cannot infer the type of COALESCE from untyped NULL arguments; write CAST(NULL AS type)")]
    [InlineData("SELECT TIMESTAMP '2024-13-01 00:00:00' FROM T",
        "line 1, column 8: Illegal TIMESTAMP literal '2024-13-01 00:00:00': not in format 'yyyy-MM-dd HH:mm:ss[.fffffffff]'")]
    [InlineData("SELECT INTERVAL '1:2' DAY FROM T", "line 1, column 8: Illegal interval literal '1:2' for DAY")]
    [InlineData("SELECT s LIKE 'a' ESCAPE 'xy' FROM T", "line 1, column 26: The ESCAPE character must be a single character, not 'xy'")]
    public void InvalidCallOrType_IsReportedAtTheExpression(string sql, string message) => BindFails(sql, message);

    [Theory]
    [InlineData("SELECT (SELECT s, i FROM T) FROM T", "line 1, column 8: A scalar subquery must return exactly one column, not 2")]
    [InlineData("SELECT * FROM T WHERE i IN (SELECT i, bi FROM T)", "line 1, column 23: The subquery of IN must return 1 column, not 2")]
    [InlineData("SELECT (SELECT b.i FROM T AS b WHERE b.s = a.s UNION ALL SELECT 1) FROM T AS a", "line 1, column 8: a correlated scalar subquery must be SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [HAVING ...], correlated in its WHERE clause (the Union here reads the outer query)")]
    [InlineData("SELECT COUNT(*), EXISTS (SELECT 1 FROM T) FROM T",
        "line 1, column 18: EXISTS and IN (subquery) are not supported in SELECT of an aggregating query, only as conditions of HAVING (alone or joined by AND)")]
    [InlineData("SELECT * FROM (SELECT s, i FROM T) AS x (a)",
        "line 1, column 39: The alias 'x' lists 1 column names, but the table has 2 columns (s, i)")]
    [InlineData("WITH x AS (SELECT 1), x AS (SELECT 2) SELECT * FROM x", "line 1, column 23: Duplicate WITH item name 'x'")]
    [InlineData("SELECT * FROM T ORDER BY arr", "line 1, column 26: Cannot sort by 'arr': values of type ARRAY<INT> have no order")]
    [InlineData("SELECT 1 UNION SELECT 'a'", "line 1, column 16: Type mismatch in column 1 of UNION: INT NOT NULL and CHAR(1) NOT NULL have no common type")]
    [InlineData("VALUES (1, 2), (3)", "line 1, column 16: All rows of VALUES must have the same number of columns: row 2 has 1, the first row has 2")]
    public void InvalidQuery_IsReportedAtTheQuery(string sql, string message) => BindFails(sql, message);
}
