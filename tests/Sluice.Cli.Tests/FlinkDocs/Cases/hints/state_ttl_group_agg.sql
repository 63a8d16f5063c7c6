-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, STATE_TTL on a group aggregation (the table's alias as
-- hint key; no effect on the result). The page shows no data; these rows are made up.
-- compare: final
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');

SELECT /*+ STATE_TTL('o' = '1d') */ id, SUM(age) AS revenue
FROM t1 AS o
GROUP BY id;
