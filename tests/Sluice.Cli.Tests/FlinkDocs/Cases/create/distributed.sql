-- Flink docs: docs/content/docs/sql/reference/ddl/create.md, DISTRIBUTED (Examples 1 and 4, with a connector so the
-- tables can be created) and docs/content/docs/sql/reference/ddl/alter.md, ADD DISTRIBUTION / DROP DISTRIBUTION.
-- SHOW CREATE TABLE prints the clause as Flink 2's ShowCreateUtil: after the comment, before PARTITIONED BY.
-- compare: text
CREATE TABLE MyTable (uid BIGINT, name STRING) DISTRIBUTED BY HASH(uid) INTO 4 BUCKETS WITH ('connector' = 'blackhole');
SHOW CREATE TABLE MyTable;

CREATE TABLE MyTable4 (uid BIGINT, name STRING) DISTRIBUTED INTO 4 BUCKETS WITH ('connector' = 'blackhole');
ALTER TABLE MyTable4 DROP DISTRIBUTION;
ALTER TABLE MyTable4 ADD DISTRIBUTION BY (uid);
SHOW CREATE TABLE MyTable4;
