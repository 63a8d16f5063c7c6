-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, RANGE intervals: RANGE BETWEEN INTERVAL '30' MINUTE
-- PRECEDING AND CURRENT ROW. The page shows no data; the rows of range_one_hour.sql: order 2 (10:30) includes order 1
-- (10:00, exactly 30 minutes before), order 4 (11:15) only itself.
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_over.csv', 'format' = 'csv');

SELECT order_id, amount,
  SUM(amount) OVER (
    PARTITION BY product
    ORDER BY order_time
    RANGE BETWEEN INTERVAL '30' MINUTE PRECEDING AND CURRENT ROW
  ) AS half_hour_sum
FROM Orders;
