-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, AS select_statement: CTAS reorders the SELECT part's
-- columns by naming all of them without types: (order_time, price, quantity, id).
-- compare: text
CREATE TABLE source_table (id BIGINT NOT NULL, name STRING, age INT, price DOUBLE, quantity DOUBLE, order_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${cases}/data/ctas_source.csv', 'format' = 'csv');

CREATE TABLE my_ctas_table (
    order_time, price, quantity, id
) WITH (
    'connector' = 'blackhole'
) AS SELECT id, price, quantity, order_time FROM source_table;

DESCRIBE my_ctas_table;
