using Sluice.Sql.Ast;

namespace Sluice.Sql.Tests.Parsing;

/// <summary>Whole scripts as Flink users write them (shapes taken from Flink's documentation examples).</summary>
public class FlinkScriptTests
{
    private const string WindowedAggregation = """
        -- Revenue per item every 10 minutes.
        SET 'execution.runtime-mode' = 'streaming';
        SET 'table.exec.mini-batch.enabled' = 'true';

        CREATE TABLE Bid (
          bidtime   TIMESTAMP(3),
          price     DECIMAL(10, 2),
          item      STRING,
          supplier  STRING,
          `offset`  BIGINT METADATA VIRTUAL,
          kafka_ts  TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
          price_eur AS price * 0.92,
          WATERMARK FOR bidtime AS bidtime - INTERVAL '1' SECOND
        ) WITH (
          'connector' = 'kafka',
          'topic' = 'bids',
          'properties.bootstrap.servers' = 'broker:9092',
          'scan.startup.mode' = 'earliest-offset',
          'format' = 'json'
        );

        CREATE TABLE Revenue (
          window_start TIMESTAMP(3),
          window_end   TIMESTAMP(3),
          item         STRING,
          revenue      DECIMAL(38, 2),
          PRIMARY KEY (window_start, window_end, item) NOT ENFORCED
        ) WITH ('connector' = 'upsert-kafka', 'topic' = 'revenue', 'key.format' = 'json', 'value.format' = 'json');

        INSERT INTO Revenue
        SELECT window_start, window_end, item, SUM(price) AS revenue
        FROM TABLE(
            TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
        GROUP BY window_start, window_end, item;
        """;

    [Fact]
    public void WindowedAggregation_ParsesIntoFiveStatements()
    {
        var statements = SqlParser.ParseScript(WindowedAggregation);
        Assert.Equal(5, statements.Count);
        Assert.Equal("execution.runtime-mode", Assert.IsType<SetStatement>(statements[0]).Key);

        var bid = Assert.IsType<CreateTableStatement>(statements[2]);
        Assert.Equal(["bidtime", "price", "item", "supplier", "offset", "kafka_ts", "price_eur"], bid.Columns.Select(c => c.Name.Value));
        Assert.IsType<MetadataColumn>(bid.Columns[4]);
        Assert.IsType<ComputedColumn>(bid.Columns[6]);
        Assert.Equal("bidtime", Assert.Single(bid.Watermarks).Column.Last.Value);
        Assert.Equal("kafka", bid.Options.Single(o => o.Key == "connector").Value);

        var revenue = Assert.IsType<CreateTableStatement>(statements[3]);
        Assert.Equal(["window_start", "window_end", "item"], revenue.PrimaryKey!.Columns.Select(c => c.Value));

        var insert = Assert.IsType<InsertStatement>(statements[4]);
        var select = Assert.IsType<SelectQuery>(insert.Query);
        var window = Assert.IsType<TableFunctionReference>(select.From);
        Assert.Equal("TUMBLE", window.Call.Name.Last.Value);
        Assert.Equal(3, select.GroupBy.Count);
        Assert.Equal(
            "INSERT INTO Revenue SELECT window_start, window_end, item, SUM(price) AS revenue "
            + "FROM TABLE(TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTE)) GROUP BY window_start, window_end, item",
            insert.ToString());
    }

    [Fact]
    public void WindowedAggregation_FormattedScript_IsAFixedPoint()
    {
        var once = SqlFormatter.FormatScript(SqlParser.ParseScript(WindowedAggregation));
        var twice = SqlFormatter.FormatScript(SqlParser.ParseScript(once));
        Assert.Equal(once, twice);
        Assert.Contains("`offset` BIGINT METADATA VIRTUAL", once, StringComparison.Ordinal);
    }

    [Fact]
    public void IntervalJoin()
    {
        const string sql = """
            SELECT o.id, o.order_time, s.ship_time
            FROM Orders o, Shipments s
            WHERE o.id = s.order_id
              AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var join = Assert.IsType<JoinReference>(select.From);
        Assert.Equal(JoinKind.Comma, join.Kind);
        var and = Assert.IsType<BinaryExpression>(select.Where);
        var between = Assert.IsType<BetweenExpression>(and.Right);
        Assert.Equal("s.ship_time - INTERVAL '4' HOUR", between.Low.ToString());
        Assert.Equal(
            "SELECT o.id, o.order_time, s.ship_time FROM Orders AS o, Shipments AS s WHERE o.id = s.order_id "
            + "AND o.order_time BETWEEN s.ship_time - INTERVAL '4' HOUR AND s.ship_time",
            select.ToString());
    }

    [Fact]
    public void TemporalJoin()
    {
        const string sql = """
            SELECT order_id, price, orders.currency, conversion_rate, order_time
            FROM orders
            LEFT JOIN currency_rates FOR SYSTEM_TIME AS OF orders.order_time
            ON orders.currency = currency_rates.currency
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var join = Assert.IsType<JoinReference>(select.From);
        Assert.Equal(JoinKind.Left, join.Kind);
        var rates = Assert.IsType<NamedTableReference>(join.Right);
        Assert.Equal("orders.order_time", rates.SystemTimeAsOf!.ToString());
        Assert.Null(rates.Alias);
        Assert.Equal("orders.currency = currency_rates.currency", join.Condition!.ToString());
    }

    [Fact]
    public void LookupJoinWithHint()
    {
        const string sql = """
            SELECT /*+ LOOKUP('table'='Customers', 'retry-predicate'='lookup_miss', 'retry-strategy'='fixed_delay', 'fixed-delay'='10s', 'max-attempts'='3') */
              o.order_id, o.total, c.country, c.zip
            FROM Orders AS o
              JOIN Customers FOR SYSTEM_TIME AS OF o.proc_time AS c
                ON o.customer_id = c.id
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var hint = Assert.Single(select.Hints);
        Assert.Equal("LOOKUP", hint.Name.Value);
        Assert.Equal(5, hint.Options.Count);
        var customers = Assert.IsType<NamedTableReference>(Assert.IsType<JoinReference>(select.From).Right);
        Assert.Equal("c", customers.Alias!.Name.Value);
    }

    [Fact]
    public void TopN()
    {
        const string sql = """
            SELECT product_id, category, product_name, sales
            FROM (
              SELECT *,
                ROW_NUMBER() OVER (PARTITION BY category ORDER BY sales DESC) AS row_num
              FROM ShopSales)
            WHERE row_num <= 5
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var inner = Assert.IsType<SelectQuery>(Assert.IsType<DerivedTableReference>(select.From).Query);
        var rowNumber = Assert.IsType<FunctionCall>(inner.Items[1].Expression);
        Assert.Equal("ROW_NUMBER", rowNumber.Name.Last.Value);
        Assert.Equal("category", Assert.Single(rowNumber.Over!.PartitionBy).ToString());
        Assert.Equal(SortDirection.Descending, Assert.Single(rowNumber.Over.OrderBy).Direction);
        Assert.Equal("row_num", inner.Items[1].Alias!.Value);
    }

    [Fact]
    public void Deduplication()
    {
        const string sql = """
            SELECT order_id, `user`, product, num
            FROM (
              SELECT *,
                ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY proctime ASC) AS row_num
              FROM Orders)
            WHERE row_num = 1
            """;
        Assert.Equal(
            "SELECT order_id, `user`, product, num FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY proctime ASC) AS row_num FROM Orders) WHERE row_num = 1",
            SqlParser.ParseQuery(sql).ToString());
    }

    [Fact]
    public void WindowTopN()
    {
        const string sql = """
            SELECT *
              FROM (
                SELECT bidtime, price, item, supplier_id, window_start, window_end,
                  ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY price DESC) AS rownum
                FROM TABLE(
                           TUMBLE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '10' MINUTES))
              ) WHERE rownum <= 3
            """;
        var query = SqlParser.ParseQuery(sql);
        Assert.Equal(query.ToString(), SqlParser.ParseQuery(query.ToString()).ToString());
    }

    [Fact]
    public void StatementSets_BothSpellings()
    {
        const string sql = """
            CREATE TEMPORARY VIEW clicks_v AS SELECT * FROM clicks WHERE url IS NOT NULL;

            EXECUTE STATEMENT SET
            BEGIN
              INSERT INTO pageviews SELECT page_id, COUNT(1) FROM clicks_v GROUP BY page_id;
              INSERT INTO uniques SELECT page_id, COUNT(DISTINCT user_id) FROM clicks_v GROUP BY page_id;
            END;

            BEGIN STATEMENT SET;
            INSERT INTO a SELECT * FROM clicks_v;
            INSERT INTO b SELECT * FROM clicks_v;
            END;
            """;
        var statements = SqlParser.ParseScript(sql);
        Assert.Equal(3, statements.Count);
        Assert.IsType<CreateViewStatement>(statements[0]);
        var execute = Assert.IsType<StatementSetStatement>(statements[1]);
        Assert.Equal(StatementSetSyntax.ExecuteStatementSet, execute.Syntax);
        Assert.Equal(["pageviews", "uniques"], execute.Statements.Select(i => i.Target.Last.Value));
        var client = Assert.IsType<StatementSetStatement>(statements[2]);
        Assert.Equal(StatementSetSyntax.BeginStatementSet, client.Syntax);
        Assert.Equal(2, client.Statements.Count);
    }

    [Fact]
    public void CatalogScript()
    {
        const string sql = """
            CREATE CATALOG my_catalog WITH ('type' = 'generic_in_memory');
            USE CATALOG my_catalog;
            CREATE DATABASE IF NOT EXISTS analytics;
            USE analytics;
            CREATE TEMPORARY FUNCTION parse_ua AS 'com.example.ParseUserAgent';
            SHOW TABLES;
            DESCRIBE my_catalog.analytics.events;
            EXPLAIN CHANGELOG_MODE SELECT parse_ua(agent) FROM events;
            """;
        var statements = SqlParser.ParseScript(sql);
        Assert.Equal(
            [typeof(CreateCatalogStatement), typeof(UseStatement), typeof(CreateDatabaseStatement), typeof(UseStatement),
                typeof(CreateFunctionStatement), typeof(ShowStatement), typeof(DescribeStatement), typeof(ExplainStatement)],
            statements.Select(s => s.GetType()));
    }

    [Fact]
    public void CumulateAndGroupingSets()
    {
        const string sql = """
            SELECT window_start, window_end, supplier_id, item, SUM(price) AS total_price
              FROM TABLE(
                CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTES, INTERVAL '10' MINUTES))
              GROUP BY window_start, window_end, GROUPING SETS ((supplier_id), (item), ())
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var sets = Assert.IsType<GroupingSetsExpression>(select.GroupBy[2]);
        Assert.Equal(3, sets.Elements.Count);
        Assert.Equal(
            "SELECT window_start, window_end, supplier_id, item, SUM(price) AS total_price FROM TABLE(CUMULATE(TABLE Bid, DESCRIPTOR(bidtime), INTERVAL '2' MINUTE, INTERVAL '10' MINUTE)) "
            + "GROUP BY window_start, window_end, GROUPING SETS (supplier_id, item, ())",
            select.ToString());
    }

    [Fact]
    public void OverAggregation()
    {
        const string sql = """
            SELECT order_id, order_time, amount,
              SUM(amount) OVER (
                PARTITION BY product
                ORDER BY order_time
                RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW
              ) AS one_hour_prod_amount_sum
            FROM Orders
            """;
        var select = Assert.IsType<SelectQuery>(SqlParser.ParseQuery(sql));
        var frame = Assert.IsType<FunctionCall>(select.Items[3].Expression).Over!.Frame!;
        Assert.Equal(FrameUnit.Range, frame.Unit);
        Assert.Equal(FrameBoundKind.Preceding, frame.Start.Kind);
        Assert.IsType<IntervalLiteral>(frame.Start.Offset);
        Assert.Equal(FrameBoundKind.CurrentRow, frame.End!.Kind);
    }
}
