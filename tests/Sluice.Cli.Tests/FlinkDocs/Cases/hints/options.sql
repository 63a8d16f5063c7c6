-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, Dynamic Table Options: ignore the parse errors of a CSV
-- source with /*+ OPTIONS('csv.ignore-parse-errors'='true') */. The page shows no data; the second line is made bad.
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1_bad.csv', 'format' = 'csv');

select id, name from t1 /*+ OPTIONS('csv.ignore-parse-errors'='true') */;
