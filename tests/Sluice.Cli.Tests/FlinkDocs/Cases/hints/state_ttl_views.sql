-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, STATE_TTL with temporary views as hint keys (no effect on
-- the result). The page shows no data and elides the views' columns; these are made up.
-- compare: final
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');
CREATE TEMPORARY VIEW left_input AS SELECT id, name FROM t1 WHERE age > 0;
CREATE TEMPORARY VIEW right_input AS SELECT id, age FROM t2 WHERE age > 0;

SELECT /*+ STATE_TTL('left_input'= '360000s', 'right_input' = '15h') */ *
FROM left_input JOIN right_input
ON left_input.id = right_input.id;
