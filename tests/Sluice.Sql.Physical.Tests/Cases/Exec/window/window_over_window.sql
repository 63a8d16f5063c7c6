-- A window aggregation over a window aggregation: orders per customer in 10-second windows, then per window the
-- largest count and the number of customers. [00, 10): alice 2 (1, 3), bob 1, carol 1, NULL 1; [10, 20): bob 2 (6, 9),
-- dave 1, alice 1; [20, 30): alice 1.
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

SELECT window_start, window_end, MAX(orders) AS top, COUNT(*) AS customers
FROM (
  SELECT customer, COUNT(*) AS orders, window_start, window_end
  FROM TABLE(TUMBLE(TABLE Orders, DESCRIPTOR(ts), INTERVAL '10' SECOND))
  GROUP BY customer, window_start, window_end)
GROUP BY window_start, window_end;
