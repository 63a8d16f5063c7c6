-- Sessions per customer with a 3-second gap: alice 10:00:00 and :01 form [00, 04), then :15 and :20 are alone; bob's
-- :12 arrives after :14 and merges with it into [12, 17). A session ends at its last order plus the gap; bob's first
-- session has only a NULL quantity, so its SUM is NULL.
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

SELECT customer, window_start, window_end, COUNT(*) AS orders, SUM(quantity) AS items
FROM TABLE(SESSION(TABLE Orders PARTITION BY customer, DESCRIPTOR(ts), INTERVAL '3' SECOND))
GROUP BY customer, window_start, window_end;
