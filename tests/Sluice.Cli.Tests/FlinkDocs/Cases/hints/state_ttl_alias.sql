-- Flink docs: docs/content/docs/sql/reference/queries/hints.md, STATE_TTL with the aliases of a LEFT JOIN's tables as
-- hint keys (no effect on the result). The page shows no data; these rows are made up: alice (1) matches xavier, bob
-- (2) has no match.
-- compare: final
CREATE TABLE t1 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t1.csv', 'format' = 'csv');
CREATE TABLE t2 (id BIGINT, name STRING, age INT) WITH ('connector' = 'filesystem', 'path' = '../data/t2.csv', 'format' = 'csv');

SELECT /*+ STATE_TTL('a'='3d', 'b'='1d') */ * FROM t1 a LEFT JOIN t2 b ON a.id = b.id;
