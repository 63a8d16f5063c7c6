-- Flink docs: docs/content/docs/sql/reference/queries/changelog.md, custom operation column name: the op column is
-- named 'operation' (the changelog of to_changelog_basic.sql).
CREATE TABLE my_aggregation (
  id INT,
  name STRING,
  cnt BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/my_aggregation.json', 'format' = 'debezium-json');

SELECT * FROM TO_CHANGELOG(
  input => TABLE my_aggregation PARTITION BY id,
  op => DESCRIPTOR(operation)
);
