-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, bounded state with state_ttl: the three
-- rows come well within the 5 seconds, so the key's state lives and only the first row is emitted.
CREATE TABLE user_events (
  user_name STRING,
  action STRING
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events_vas.csv', 'format' = 'csv');

SELECT * FROM DEDUPLICATE_KEEP_FIRST(
  input => TABLE user_events PARTITION BY user_name,
  state_ttl => INTERVAL '5' SECOND,
  reset_ttl_on_duplicate => FALSE
);
