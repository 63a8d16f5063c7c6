-- The session windows of session.sql over a TIMESTAMP_LTZ attribute in a UTC-08:00 session zone
-- (America/Los_Angeles in January): lts is ts read as a wall-clock time of the session zone, so window_start and
-- window_end, wall-clock times of that zone, are those of the TIMESTAMP case, and windows fire at the instants of
-- their local ends (fired as UTC, the local ends would lie 8 hours early and every row would be late).
SET 'table.local-time-zone' = 'America/Los_Angeles';

CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3),
  lts AS CAST(ts AS TIMESTAMP_LTZ(3)),
  WATERMARK FOR lts AS lts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT customer, window_start, window_end, COUNT(*) AS orders, SUM(quantity) AS items
FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(lts), INTERVAL '3' SECOND))
GROUP BY customer, window_start, window_end;
