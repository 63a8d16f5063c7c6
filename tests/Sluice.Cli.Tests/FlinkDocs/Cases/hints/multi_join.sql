-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, MULTI_JOIN with STATE_TTL (no effect on the result).
-- The page shows no data; these rows are made up; the third table's columns are id1, name1, age1.
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');
CREATE TABLE t3 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t3.csv', 'format' = 'csv');

SELECT /*+ MULTI_JOIN(t1, t2, t3), STATE_TTL('t1'='1d', 't2'='2d', 't3'='12h') */ * FROM t1
JOIN t2 ON t1.id = t2.id
JOIN t3 ON t1.id = t3.id;
