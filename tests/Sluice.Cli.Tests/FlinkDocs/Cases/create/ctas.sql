-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, AS select_statement: my_ctas_table AS SELECT id, name, age
-- FROM source_table WHERE mod(id, 10) = 0; "equivalent to create the table and insert the data". The page shows no data:
-- source_table's rows are made up, and the created table (a csv folder) is read back after the insert.
CREATE TABLE source_table (id BIGINT NOT NULL, name STRING, age INT, price DOUBLE, quantity DOUBLE, order_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = '${cases}/data/ctas_source.csv', 'format' = 'csv');

CREATE TABLE my_ctas_table
WITH (
    'connector' = 'filesystem',
    'path' = '${tmp}/my_ctas_table',
    'format' = 'csv'
)
AS SELECT id, name, age FROM source_table WHERE mod(id, 10) = 0;

SELECT * FROM my_ctas_table;
