-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, ROW intervals: ROWS BETWEEN 10 PRECEDING AND CURRENT
-- ROW (the ten rows before and the current one). The page shows no data; the rows of range_one_hour.sql: with fewer than
-- eleven rows per product every earlier row counts, so order 4 sums all of product A (60), unlike the one-hour RANGE.
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_over.csv', 'format' = 'csv');

SELECT order_id, order_time, amount,
  SUM(amount) OVER (
    PARTITION BY product
    ORDER BY order_time
    ROWS BETWEEN 10 PRECEDING AND CURRENT ROW
  ) AS last_rows_sum
FROM Orders;
