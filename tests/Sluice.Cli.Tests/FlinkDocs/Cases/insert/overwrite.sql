-- Flink docs: docs/content/docs/sql/reference/dml/insert.md, INSERT OVERWRITE: "will overwrite any existing data in the
-- table or partition" (the page's example is partitioned; this table is not). With table.dml-sync each INSERT ends
-- before the next statement, as in Flink's SQL client; the rows are made up.
SET 'table.dml-sync' = 'true';
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE page_view (`user` STRING, cnt INT) WITH ('connector' = 'filesystem', 'path' = '${tmp}/page_view', 'format' = 'csv');

INSERT INTO page_view VALUES ('alice', 1), ('bob', 2);
INSERT INTO page_view VALUES ('carl', 3);
INSERT OVERWRITE page_view VALUES ('dan', 4), ('eve', 5);

SELECT * FROM page_view;
