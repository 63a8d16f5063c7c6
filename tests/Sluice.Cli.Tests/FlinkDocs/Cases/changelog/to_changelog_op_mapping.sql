-- Flink docs: docs/content/docs/sql/reference/queries/changelog.md, custom operation codes with filtering: only INSERT
-- and UPDATE_AFTER are forwarded (as 'I' and 'U'); UPDATE_BEFORE and DELETE are not in the mapping and are dropped.
CREATE TABLE my_aggregation (
  id INT,
  name STRING,
  cnt BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/my_aggregation.json', 'format' = 'debezium-json');

SELECT * FROM TO_CHANGELOG(
  input => TABLE my_aggregation PARTITION BY id,
  op => DESCRIPTOR(op_code),
  op_mapping => MAP['INSERT', 'I', 'UPDATE_AFTER', 'U']
);
