-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, updating input (a debezium-json
-- changelog): the -D of the unseen key is ignored, the first +I is emitted, every later change of Vas is swallowed.
CREATE TABLE user_events (
  user_name STRING,
  action STRING
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events_changelog.json', 'format' = 'debezium-json');

SELECT * FROM DEDUPLICATE_KEEP_FIRST(
  input => TABLE user_events PARTITION BY user_name
);
