-- Flink docs: docs/content/docs/sql/reference/queries/changelog.md, TO_CHANGELOG basic usage. The page's input lists
-- +I[1], +U[1] and -D[2] only; here the input is a complete debezium-json changelog (Bob's insert before his delete,
-- and the -U a retract table sends before each +U), so those changes appear too, each as an appended row.
CREATE TABLE my_aggregation (
  id INT,
  name STRING,
  cnt BIGINT
) WITH ('connector' = 'filesystem', 'path' = '../data/my_aggregation.json', 'format' = 'debezium-json');

SELECT * FROM TO_CHANGELOG(
  input => TABLE my_aggregation PARTITION BY id
);
