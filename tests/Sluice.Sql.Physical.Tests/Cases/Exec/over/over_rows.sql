-- Per customer in event-time order, the items of the order and the one before (ROWS frame): alice 3 (10:00:00, 10),
-- 1 (3 -> 13), 8 (3 -> 6), 10 (5 -> 8); bob 2 (NULL -> NULL, 0 counted), 9 (4), 6 (4 + 2).
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

SELECT id, customer, quantity,
       SUM(quantity) OVER w AS last_two_items,
       COUNT(quantity) OVER w AS last_two_counted
FROM Orders
WINDOW w AS (PARTITION BY customer ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW);
