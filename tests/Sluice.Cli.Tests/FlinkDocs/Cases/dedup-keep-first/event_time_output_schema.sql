-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, output schema: the partition keys
-- first, then the other columns, and in event-time mode the rowtime column appended (the rows of
-- earliest_event_time.sql).
CREATE TABLE user_events (
  user_name STRING,
  action STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events_time.csv', 'format' = 'csv');

SELECT * FROM DEDUPLICATE_KEEP_FIRST(
  input   => TABLE user_events PARTITION BY action,
  on_time => DESCRIPTOR(ts)
);
