namespace Sluice.Sql.Tests;

/// <summary>Valid Flink SQL statements covering every construct the parser knows; the seed of round-trip and fuzz tests.</summary>
public static class SqlCorpus
{
    public static readonly string[] Statements =
    [
        // ----- DDL -----
        """
        CREATE TABLE Orders (
          order_id BIGINT NOT NULL,
          customer_id STRING,
          price DECIMAL(10, 2),
          price_with_tax AS price * 1.19 COMMENT 'computed',
          event_time TIMESTAMP(3) METADATA FROM 'timestamp' VIRTUAL,
          `partition` INT METADATA VIRTUAL,
          proc_time AS PROCTIME(),
          WATERMARK FOR event_time AS event_time - INTERVAL '5' SECOND,
          PRIMARY KEY (order_id) NOT ENFORCED
        ) COMMENT 'orders from kafka'
        PARTITIONED BY (customer_id)
        WITH (
          'connector' = 'kafka',
          'topic' = 'orders',
          'properties.bootstrap.servers' = 'localhost:9092',
          'format' = 'json'
        )
        """,
        "CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.t (id INT PRIMARY KEY NOT ENFORCED, name STRING COMMENT 'the name') WITH ('connector' = 'datagen')",
        "CREATE TABLE t (a INT, CONSTRAINT pk PRIMARY KEY (a, b) NOT ENFORCED, b STRING) WITH ('connector' = 'print')",
        "CREATE TABLE t2 (id INT CONSTRAINT pk PRIMARY KEY NOT ENFORCED COMMENT 'key') WITH ('connector' = 'print')",
        "CREATE TABLE t3 WITH ('connector' = 'blackhole') LIKE t1 (EXCLUDING ALL INCLUDING GENERATED OVERWRITING OPTIONS)",
        "CREATE TABLE t4 (extra STRING) LIKE src",
        "CREATE TABLE ctas WITH ('connector' = 'filesystem', 'path' = '/tmp/x') AS SELECT id, name FROM src WHERE id > 10",
        "CREATE OR REPLACE TABLE rtas WITH ('connector' = 'print') AS SELECT 1 AS x",
        """
        CREATE TABLE typed (
          c1 BOOLEAN, c2 TINYINT, c3 SMALLINT, c4 INTEGER, c5 BIGINT, c6 FLOAT, c7 REAL, c8 DOUBLE PRECISION,
          c9 DEC(5), c10 NUMERIC(7, 3), c11 CHAR, c12 CHAR(3), c13 VARCHAR(20), c14 STRING, c15 BINARY(4),
          c16 VARBINARY(8), c17 BYTES, c18 DATE, c19 TIME(3), c20 TIMESTAMP, c21 TIMESTAMP(9) WITHOUT TIME ZONE,
          c22 TIMESTAMP(3) WITH LOCAL TIME ZONE, c23 TIMESTAMP_LTZ(6), c24 INTERVAL DAY(2) TO SECOND(3),
          c25 INTERVAL YEAR TO MONTH, c26 ARRAY<INT NOT NULL> NOT NULL, c27 INT ARRAY, c28 MAP<STRING, ARRAY<BIGINT>>,
          c29 MULTISET<STRING>, c30 STRING MULTISET, c31 ROW<a INT, `b c` STRING COMMENT 'spaced'>,
          c32 ROW(x DOUBLE, y DOUBLE) NOT NULL, c33 INTERVAL SECOND(6), c34 INTERVAL MINUTE TO SECOND, c35 CHARACTER VARYING(9)
        ) WITH ('connector' = 'datagen')
        """,
        "CREATE VIEW v AS SELECT a, b FROM t",
        "CREATE TEMPORARY VIEW IF NOT EXISTS db.v (x, y) COMMENT 'a view' AS SELECT a, b FROM t WHERE a > 0",
        "CREATE FUNCTION my_udf AS 'com.example.MyUdf'",
        "CREATE TEMPORARY SYSTEM FUNCTION IF NOT EXISTS f AS 'com.example.F' LANGUAGE JAVA",
        "CREATE TEMPORARY FUNCTION py AS 'module.fn' LANGUAGE PYTHON USING JAR 'file:///a.jar', JAR 'file:///b.jar'",
        "CREATE CATALOG my_catalog WITH ('type' = 'generic_in_memory')",
        "CREATE DATABASE IF NOT EXISTS my_catalog.my_db COMMENT 'test db' WITH ('k' = 'v')",
        "DROP TABLE IF EXISTS cat.db.orders",
        "DROP TEMPORARY VIEW v",
        "DROP TEMPORARY SYSTEM FUNCTION IF EXISTS f",
        "DROP FUNCTION db.f",
        "DROP DATABASE IF EXISTS db CASCADE",
        "DROP CATALOG c",
        "ALTER TABLE orders RENAME TO orders_v2",
        "ALTER TABLE IF EXISTS orders SET ('scan.startup.mode' = 'earliest-offset', 'k' = 'v')",
        "ALTER TABLE orders RESET ('scan.startup.mode')",

        // ----- session and catalog statements -----
        "SET 'table.exec.mini-batch.enabled' = 'true'",
        "SET",
        "RESET 'parallelism.default'",
        "RESET",
        "SHOW TABLES",
        "SHOW TABLES FROM cat.db LIKE 'ord%'",
        "SHOW VIEWS IN db NOT LIKE 'tmp%'",
        "SHOW FUNCTIONS",
        "SHOW USER FUNCTIONS",
        "SHOW CATALOGS",
        "SHOW DATABASES",
        "SHOW CURRENT CATALOG",
        "SHOW CURRENT DATABASE",
        "SHOW CREATE TABLE orders",
        "SHOW COLUMNS FROM orders LIKE '%id'",
        "SHOW MODULES",
        "SHOW FULL MODULES",
        "SHOW JARS",
        "DESCRIBE orders",
        "DESC EXTENDED cat.db.orders",
        "USE CATALOG my_catalog",
        "USE my_db",
        "USE my_catalog.my_db",

        // ----- DML -----
        "INSERT INTO sink SELECT * FROM src",
        "INSERT OVERWRITE sink PARTITION (dt = '2024-01-01', hr = 10) SELECT a, b FROM src",
        "INSERT INTO sink (a, b) SELECT x, y FROM src",
        "INSERT INTO sink /*+ OPTIONS('sink.parallelism' = '2') */ VALUES (1, 'a'), (2, 'b')",
        "INSERT INTO cat.db.sink (SELECT * FROM src)",
        """
        EXECUTE STATEMENT SET
        BEGIN
          INSERT INTO pageviews SELECT page_id, COUNT(*) FROM clicks GROUP BY page_id;
          INSERT INTO uniques SELECT page_id, COUNT(DISTINCT user_id) FROM clicks GROUP BY page_id;
        END
        """,
        "EXPLAIN SELECT * FROM t",
        "EXPLAIN PLAN FOR SELECT * FROM t",
        "EXPLAIN ESTIMATED_COST, CHANGELOG_MODE SELECT a, COUNT(*) FROM t GROUP BY a",
        "EXPLAIN INSERT INTO sink SELECT * FROM src",
        "EXPLAIN STATEMENT SET BEGIN INSERT INTO a SELECT * FROM b; END",

        // ----- queries -----
        "SELECT 1",
        "SELECT a, b AS c, d e FROM t",
        "SELECT DISTINCT a FROM t",
        "SELECT ALL a FROM t",
        "SELECT t.*, u.x FROM t, u WHERE t.id = u.id",
        "SELECT * FROM t1 JOIN t2 ON t1.a = t2.a LEFT OUTER JOIN t3 USING (b) RIGHT JOIN t4 ON TRUE FULL OUTER JOIN t5 ON t5.k = t1.k",
        "SELECT * FROM a NATURAL JOIN b CROSS JOIN c",
        "SELECT * FROM a INNER JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x",
        "SELECT * FROM (SELECT a FROM t) AS s (x)",
        "SELECT * FROM (SELECT a FROM t) s",
        "SELECT * FROM t /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */ AS t2",
        "SELECT /*+ STATE_TTL('o' = '1d', 'p' = '12h'), BROADCAST(p) */ o.id FROM o JOIN p ON o.pid = p.id",
        "SELECT /*+ LOOKUP('table' = 'Customers', 'retry-predicate' = 'lookup_miss', 'max-attempts' = '3') */ * FROM o",
        "SELECT a, COUNT(*) AS cnt FROM t GROUP BY a HAVING COUNT(*) > 1",
        "SELECT a, b, SUM(c) FROM t GROUP BY GROUPING SETS ((a, b), (a), ())",
        "SELECT a, b, SUM(c) FROM t GROUP BY ROLLUP (a, b)",
        "SELECT a, b, SUM(c) FROM t GROUP BY CUBE (a, b), GROUPING SETS (a, ROLLUP (b))",
        "SELECT SUM(x) OVER w, AVG(x) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t WINDOW w AS (PARTITION BY a ORDER BY ts)",
        "SELECT a FROM t ORDER BY a DESC NULLS LAST, b ASC NULLS FIRST LIMIT 10",
        "SELECT a FROM t LIMIT 10 OFFSET 5",
        "SELECT a FROM t ORDER BY a OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY",
        "SELECT a FROM t FETCH NEXT ROW ONLY",
        "VALUES (1, 'a'), (2, 'b')",
        "VALUES 1, 2, 3",
        "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name)",
        "WITH x AS (SELECT 1 AS a), y (b) AS (SELECT 2) SELECT * FROM x, y",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x UNION ALL SELECT a FROM x ORDER BY a LIMIT 1",
        "SELECT a FROM t UNION SELECT a FROM u INTERSECT SELECT a FROM v EXCEPT SELECT a FROM w",
        "(SELECT a FROM t UNION SELECT a FROM u) INTERSECT ALL SELECT a FROM v",
        "SELECT a FROM t EXCEPT DISTINCT (SELECT a FROM u EXCEPT SELECT a FROM v)",
        "(SELECT a FROM t ORDER BY a LIMIT 1) UNION ALL (SELECT b FROM u ORDER BY b DESC LIMIT 1)",
        "SELECT * FROM t WHERE a IN (SELECT b FROM u) AND EXISTS (SELECT 1 FROM v WHERE v.x = t.x) AND c = (SELECT MAX(c) FROM w)",
        "SELECT * FROM t WHERE (a, b) IN (SELECT x, y FROM u) OR c NOT IN (1, 2, 3)",

        // ----- Flink streaming idioms -----
        "SELECT window_start, window_end, SUM(price) FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES)) GROUP BY window_start, window_end",
        "SELECT * FROM TABLE(HOP(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES, INTERVAL '10' MINUTES))",
        "SELECT * FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES, INTERVAL '1' MINUTES))",
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY item, DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))",
        "SELECT * FROM TABLE(SESSION(TABLE Bid PARTITION BY (item, supplier), DESCRIPTOR(bidtime), INTERVAL '5' MINUTES))",
        "SELECT * FROM TABLE(TUMBLE(DATA => TABLE Bid, TIMECOL => DESCRIPTOR(bidtime), SIZE => INTERVAL '10' MINUTES, `OFFSET` => INTERVAL '1' MINUTES))",
        "SELECT * FROM Orders o, Shipments s WHERE o.id = s.order_id AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time",
        "SELECT o.order_id, r.rate FROM Orders AS o LEFT JOIN Rates FOR SYSTEM_TIME AS OF o.order_time AS r ON o.currency = r.currency",
        "SELECT * FROM Orders AS o JOIN Customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.id",
        "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS row_num FROM ShopSales) WHERE row_num <= 3",
        "SELECT order_id, user, product FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY proctime ASC) AS rn FROM Orders) WHERE rn = 1",
        "SELECT user_id, TUMBLE_START(ts, INTERVAL '1' HOUR), COUNT(*) FROM clicks GROUP BY user_id, TUMBLE(ts, INTERVAL '1' HOUR)",
        "SELECT product, SUM(amount) OVER (PARTITION BY product ORDER BY order_time RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) FROM Orders",
        "SELECT word, cnt FROM T, LATERAL TABLE(split(s)) AS W (word, cnt)",
        "SELECT * FROM T LEFT JOIN LATERAL TABLE(split(s)) AS W (word) ON TRUE",
        "SELECT id, tag, pos FROM T CROSS JOIN UNNEST(tags) WITH ORDINALITY AS U (tag, pos)",
        "SELECT * FROM T, LATERAL (SELECT x FROM U WHERE U.id = T.id) AS L",

        // ----- expressions -----
        "SELECT a + b * c - d / e % f, (a + b) * c, -a, - -a, +a, a - -1 FROM t",
        "SELECT a = b, a <> b, a != b, a < b, a <= b, a > b, a >= b FROM t",
        "SELECT NOT a AND b OR c, NOT (a OR b), a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT FALSE, a IS UNKNOWN FROM t",
        "SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM b FROM t",
        "SELECT a BETWEEN 1 AND 10, a NOT BETWEEN SYMMETRIC 10 AND 1, a BETWEEN ASYMMETRIC b + 1 AND c * 2 FROM t",
        "SELECT s LIKE 'a%', s NOT LIKE 'a!%' ESCAPE '!', s SIMILAR TO '[a-z]+', s NOT SIMILAR TO 'x' FROM t",
        "SELECT 'it''s', 'a' || b || 'c', X'DEADbeef', 1.5, .5, 1e10, 2.5E-3, TRUE, FALSE, NULL FROM t",
        "SELECT DATE '2024-01-01', TIME '12:34:56', TIMESTAMP '2024-01-01 00:00:00.123', TIMESTAMP WITH LOCAL TIME ZONE '2024-01-01 00:00:00' FROM t",
        "SELECT INTERVAL '1' DAY, INTERVAL '10' SECOND(3), INTERVAL '1 02:03:04.5' DAY(2) TO SECOND(3), INTERVAL -'5' MINUTE, INTERVAL '2-6' YEAR TO MONTH, INTERVAL '3' HOURS FROM t",
        "SELECT CASE WHEN a > 0 THEN 'pos' WHEN a < 0 THEN 'neg' ELSE 'zero' END, CASE a WHEN 1 THEN 'one' END FROM t",
        "SELECT CAST(a AS INT), TRY_CAST(b AS DECIMAL(10, 2)), CAST(c AS ARRAY<STRING>), CAST(d AS ROW<x INT>) FROM t",
        "SELECT COUNT(*), COUNT(DISTINCT a), COUNT(ALL b), SUM(c) FILTER (WHERE c > 0), cat.db.my_fn(a, b), `my fn`(x) FROM t",
        "SELECT EXTRACT(YEAR FROM ts), EXTRACT(DOW FROM ts), FLOOR(ts TO HOUR), CEIL(ts TO DAY), FLOOR(x), CEIL(y) FROM t",
        "SELECT TRIM(s), TRIM(BOTH FROM s), TRIM(LEADING 'x' FROM s), TRIM(TRAILING FROM s), TRIM('y' FROM s) FROM t",
        "SELECT POSITION('a' IN s), SUBSTRING(s FROM 2), SUBSTRING(s FROM 2 FOR 3), SUBSTRING(s, 2, 3), OVERLAY(s PLACING 'x' FROM 2 FOR 1) FROM t",
        "SELECT CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME, LOCALTIMESTAMP, LOCALTIME, CURRENT_ROW_TIMESTAMP(), NOW() FROM t",
        "SELECT TIMESTAMPADD(DAY, 1, ts), TIMESTAMPDIFF(HOUR, a, b) FROM t",
        "SELECT JSON_VALUE(j, '$.a'), JSON_VALUE(j, '$.b' RETURNING INT DEFAULT 0 ON EMPTY NULL ON ERROR), JSON_VALUE(j, '$.c' ERROR ON ERROR) FROM t",
        "SELECT JSON_QUERY(j, '$.a'), JSON_QUERY(j, '$.a' WITH WRAPPER), JSON_QUERY(j, '$.a' WITHOUT ARRAY WRAPPER EMPTY ARRAY ON EMPTY), JSON_QUERY(j, '$' WITH CONDITIONAL WRAPPER EMPTY OBJECT ON ERROR) FROM t",
        "SELECT JSON_EXISTS(j, '$.a'), JSON_EXISTS(j, '$.a' FALSE ON ERROR) FROM t",
        "SELECT JSON_OBJECT(), JSON_OBJECT(KEY 'a' VALUE 1, 'b' VALUE b NULL ON NULL), JSON_ARRAY(), JSON_ARRAY(1, 'two', c ABSENT ON NULL) FROM t",
        "SELECT ARRAY[1, 2, 3], ARRAY[], MAP['a', 1, 'b', 2], ROW(1, 'x'), (1, 'x'), arr[1], m['key'], r.field, arr[1].f, f(x).y FROM t",
        "SELECT ROW_NUMBER() OVER (PARTITION BY a ORDER BY ts DESC), RANK() OVER (ORDER BY x), LAG(x, 1) OVER (PARTITION BY k ORDER BY ts ROWS 5 PRECEDING) FROM t",
        "SELECT SUM(x) OVER (ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), COUNT(x) OVER (ORDER BY ts ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING) FROM t",
        "SELECT LEFT(s, 3), RIGHT(s, 2), `select`, `a``b`, `from` AS `to` FROM `order`",
        "SELECT a FROM t WHERE a > ALL_VALUES(b) AND NOT EXISTS (SELECT 1) AND c <> 'x' OR d IS NULL AND (e OR f)",
        "SELECT 'a' || 1 + 2, 1 + 2 || 'a', -x * y, NOT a = b, a = b IS NULL FROM t",
    ];
}
