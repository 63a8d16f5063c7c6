-- Flink docs: docs/content/docs/dev/table/sql/queries/set-ops.md, UNION ALL
-- compare: final
-- The page labels the UNION ALL result column `c` (a typo); the column is s, as Flink names it after t1.
create view t1(s) as values ('c'), ('a'), ('b'), ('b'), ('c');
create view t2(s) as values ('d'), ('e'), ('a'), ('b'), ('b');

(SELECT s FROM t1) UNION ALL (SELECT s FROM t2);
