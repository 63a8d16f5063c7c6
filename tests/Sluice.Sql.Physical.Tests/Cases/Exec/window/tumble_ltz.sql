-- Windows of a TIMESTAMP_LTZ time attribute are aligned in the session time zone, as in Flink: in Asia/Kolkata
-- (UTC+05:30) the orders' local times 10:00:00..10:00:20 fall in the hour window [10:00, 11:00) local, which is
-- [04:30, 05:30) UTC; window_start and window_end are TIMESTAMP(3) wall-clock times of the session zone. Aligned in
-- UTC instead, the window would be [04:00, 05:00). SUM skips order 2's NULL quantity: 35.
SET 'table.local-time-zone' = 'Asia/Kolkata';

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

SELECT window_start, window_end, COUNT(*) AS orders, SUM(quantity) AS items
FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(lts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;
