-- Flink docs: docs/content/docs/sql/reference/dml/insert.md, INSERT OVERWRITE into a partitioned table: "INSERT OVERWRITE
-- country_page_view PARTITION (date='2019-8-30', country='China') SELECT user, cnt FROM page_view_source" replaces that
-- static partition only; an INSERT OVERWRITE without a PARTITION clause (dynamic partitions) replaces the partitions it
-- writes and keeps the others. Smaller table, made-up rows; batch mode with table.dml-sync.
SET 'table.dml-sync' = 'true';
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE country_page_view (`user` STRING, cnt INT, `date` STRING, country STRING)
  PARTITIONED BY (`date`, country)
  WITH ('connector' = 'filesystem', 'path' = '${tmp}/country_page_view', 'format' = 'json');

INSERT INTO country_page_view VALUES
  ('ann', 1, '2019-8-30', 'China'), ('bob', 2, '2019-8-30', 'China'),
  ('cat', 3, '2019-8-30', 'France'), ('dan', 4, '2019-8-31', 'China');

INSERT OVERWRITE country_page_view PARTITION (`date` = '2019-8-30', country = 'China') SELECT 'eve', 5;

INSERT OVERWRITE country_page_view SELECT * FROM (VALUES ('fay', 6, '2019-8-31', 'China'), ('gus', 7, '2019-9-01', 'Chile'));

SELECT * FROM country_page_view;
