-- Flink docs: docs/content/docs/sql/reference/dml/insert.md, INSERT OVERWRITE into a static partition ("INSERT OVERWRITE
-- country_page_view PARTITION (date='2019-8-30', country='China') SELECT user, cnt FROM page_view_source"), here with a
-- query that selects no row: as Flink's filesystem sink (PartitionLoader.loadEmptyPartition), the partition is
-- overwritten to empty; with only some partition columns static and no row, nothing changes. Made-up rows; batch mode
-- with table.dml-sync.
SET 'table.dml-sync' = 'true';
SET 'execution.runtime-mode' = 'batch';

CREATE TABLE country_page_view (`user` STRING, cnt INT, `date` STRING, country STRING)
  PARTITIONED BY (`date`, country)
  WITH ('connector' = 'filesystem', 'path' = '${tmp}/country_page_view', 'format' = 'json',
        'sink.partition-commit.policy.kind' = 'success-file');

INSERT INTO country_page_view VALUES
  ('ann', 1, '2019-8-30', 'China'), ('bob', 2, '2019-8-30', 'China'), ('cat', 3, '2019-8-30', 'France');

INSERT OVERWRITE country_page_view PARTITION (`date` = '2019-8-30', country = 'China')
SELECT name, cnt FROM (VALUES ('eve', 5)) AS page_view_source(name, cnt) WHERE cnt > 10;

INSERT OVERWRITE country_page_view PARTITION (`date` = '2019-8-30')
SELECT name, cnt, 'France' FROM (VALUES ('fay', 6)) AS page_view_source(name, cnt) WHERE cnt > 10;

SELECT * FROM country_page_view;
