-- Cumulating windows of 10 seconds in 5-second steps: [00, 05) and [00, 10), [10, 15) and [10, 20), [20, 25) and
-- [20, 30); a later window of a period contains the earlier one's orders.
CREATE TABLE Orders (
  id BIGINT,
  customer STRING,
  product STRING,
  quantity INT,
  price DECIMAL(10, 2),
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'data/orders.csv', 'format' = 'csv',
        'csv.allow-comments' = 'true', 'csv.null-literal' = 'NULL');

SELECT window_start, window_end, COUNT(*) AS orders, SUM(quantity) AS items
FROM TABLE(CUMULATE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
