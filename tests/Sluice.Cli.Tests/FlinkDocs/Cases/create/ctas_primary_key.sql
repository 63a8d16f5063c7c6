-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, AS select_statement: "the CREATE part also lets you specify
-- primary keys", where id is a NOT NULL column of the SELECT part (the page's DISTRIBUTED BY clause is left out: the
-- example's point is the key).
-- compare: text
CREATE TABLE source_table (id BIGINT NOT NULL, name STRING, age INT, price DOUBLE, quantity DOUBLE, order_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${cases}/data/ctas_source.csv', 'format' = 'csv');

CREATE TABLE my_ctas_table (
    PRIMARY KEY (id) NOT ENFORCED
) WITH ('connector' = 'blackhole')
AS SELECT id, name FROM source_table;

DESCRIBE my_ctas_table;
