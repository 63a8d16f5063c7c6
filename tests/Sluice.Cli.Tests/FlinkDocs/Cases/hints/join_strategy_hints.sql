-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, the join hints SHUFFLE_HASH, SHUFFLE_MERGE and NEST_LOOP
-- (batch join strategies; in streaming they change nothing). The page shows no data; these rows are made up: only id 1
-- is on both sides, so each query returns alice joined with xavier.
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');

SELECT /*+ SHUFFLE_HASH(t1) */ * FROM t1 JOIN t2 ON t1.id = t2.id;
SELECT /*+ SHUFFLE_MERGE(t1) */ * FROM t1 JOIN t2 ON t1.id = t2.id;
SELECT /*+ NEST_LOOP(t1) */ * FROM t1 JOIN t2 ON t1.id = t2.id;
