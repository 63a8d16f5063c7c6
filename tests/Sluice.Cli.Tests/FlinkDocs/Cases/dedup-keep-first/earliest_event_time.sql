-- Flink docs: docs/content/docs/sql/reference/queries/deduplicate-keep-first.md, earliest by event time: click (ts 1)
-- is kept, not login (ts 3) which arrived first; it is emitted when the watermark passes 1.000 (here at the end of the
-- bounded input, since the watermark lags 10 seconds).
CREATE TABLE user_events (
  user_name STRING,
  action STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/user_events_time.csv', 'format' = 'csv');

SELECT user_name, action FROM DEDUPLICATE_KEEP_FIRST(
  input   => TABLE user_events PARTITION BY user_name,
  on_time => DESCRIPTOR(ts)
);
