-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, keyed keep-first (processing time):
-- the first row for Vas is emitted, the later click on the same key is dropped.
CREATE TABLE user_events (
  user_name STRING,
  action STRING
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events.csv', 'format' = 'csv');

SELECT * FROM DEDUPLICATE_KEEP_FIRST(
  input => TABLE user_events PARTITION BY user_name
);
