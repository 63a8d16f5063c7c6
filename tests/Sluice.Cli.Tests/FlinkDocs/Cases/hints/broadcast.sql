-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, BROADCAST (a batch join strategy; in streaming it
-- changes nothing). The page shows no data; these rows are made up. SELECT * of a join names the right side's
-- duplicate columns id0, name0, age0, as Flink does.
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');
CREATE TABLE t3 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t3.csv', 'format' = 'csv');

SELECT /*+ BROADCAST(t1) */ * FROM t1 JOIN t2 ON t1.id = t2.id;
