-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, whole input, no PARTITION BY: one
-- group at parallelism 1, so only the first row of the stream is emitted.
CREATE TABLE user_events (
  user_name STRING,
  action STRING
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events_three.csv', 'format' = 'csv');

SELECT * FROM DEDUPLICATE_KEEP_FIRST(
  input => TABLE user_events
);
