-- Flink docs: docs/content/docs/dev/table/sql/queries/set-ops.md, INTERSECT
-- compare: final
create view t1(s) as values ('c'), ('a'), ('b'), ('b'), ('c');
create view t2(s) as values ('d'), ('e'), ('a'), ('b'), ('b');

(SELECT s FROM t1) INTERSECT (SELECT s FROM t2);
