-- Per customer, the orders of the last 5 seconds up to and including the current one (RANGE frame, both ends
-- inclusive): alice 10 (10:00:20) sees 8 (10:00:15); bob 6 (10:00:14) sees 9 (10:00:12), whose price is NULL.
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

SELECT id, customer, ts,
       COUNT(*) OVER w AS recent_orders,
       MAX(price) OVER w AS recent_top_price
FROM Orders
WINDOW w AS (PARTITION BY customer ORDER BY ts RANGE BETWEEN INTERVAL '5' SECOND PRECEDING AND CURRENT ROW);
