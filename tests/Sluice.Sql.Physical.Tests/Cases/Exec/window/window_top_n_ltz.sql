-- The window Top-N of window_top_n.sql over a TIMESTAMP_LTZ attribute in a UTC-08:00 session zone
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

SELECT window_start, window_end, customer, items, rn
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start, window_end ORDER BY items DESC) AS rn
  FROM (
    SELECT window_start, window_end, customer, SUM(quantity) AS items
    FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(lts), INTERVAL '10' SECOND))
    WHERE quantity IS NOT NULL
    GROUP BY window_start, window_end, customer
  )
)
WHERE rn <= 2;
