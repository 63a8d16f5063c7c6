-- Flink docs: docs/content/docs/sql/reference/queries/over-agg.md, the WINDOW clause. The page shows no data; the rows
-- of range_one_hour.sql. AVG of INT is INT (integer division), as in Flink.
CREATE TABLE Orders (
  order_id INT,
  product STRING,
  amount INT,
  order_time TIMESTAMP(3),
  WATERMARK FOR order_time AS order_time - INTERVAL '1' SECOND
) WITH ('connector' = 'filesystem', 'path' = '../data/orders_over.csv', 'format' = 'csv');

SELECT order_id, order_time, amount,
  SUM(amount) OVER w AS sum_amount,
  AVG(amount) OVER w AS avg_amount
FROM Orders
WINDOW w AS (
  PARTITION BY product
  ORDER BY order_time
  RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW);
