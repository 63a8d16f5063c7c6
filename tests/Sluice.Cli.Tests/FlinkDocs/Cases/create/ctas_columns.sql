-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, AS select_statement: the CREATE part declares `desc`, the
-- type of quantity, the computed column cost and a watermark; the resulting table has the CREATE part's own columns
-- first, then the SELECT part's (quantity at its SELECT position, with the declared type), as the page's equivalent
-- CREATE TABLE shows. (`desc` is quoted: DESC is a keyword.)
-- compare: text
CREATE TABLE source_table (id BIGINT NOT NULL, name STRING, age INT, price DOUBLE, quantity INT, order_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${cases}/data/ctas_source.csv', 'format' = 'csv');

CREATE TABLE my_ctas_table (
    `desc` STRING,
    quantity DOUBLE,
    cost AS price * quantity,
    WATERMARK FOR order_time AS order_time - INTERVAL '5' SECOND
) WITH (
    'connector' = 'blackhole'
) AS SELECT id, price, quantity, order_time FROM source_table;

DESCRIBE my_ctas_table;
